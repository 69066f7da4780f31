/** One class per benchmarked system, each behind {@link org.alchemiststack.bench.systems.BenchSystem}. */
package org.alchemiststack.bench.systems;
