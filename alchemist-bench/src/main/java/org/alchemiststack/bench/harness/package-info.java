/** Databases, pools, schema, seed data and SQL text shared by every benchmark. */
package org.alchemiststack.bench.harness;
