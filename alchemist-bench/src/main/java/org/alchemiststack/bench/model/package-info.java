/** The mapped shapes shared by every benchmarked system, and the 20 models of the bootstrap benchmark. */
package org.alchemiststack.bench.model;
