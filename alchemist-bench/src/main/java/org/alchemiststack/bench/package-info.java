/**
 * JMH benchmarks of alchemist-stack against raw JDBC, Hibernate ORM, JDBI and jOOQ. Each benchmark class holds one
 * group of workloads; the system under test and the database are JMH parameters, so one run compares every system.
 * Run it with {@code bench/run.sh}, which also writes {@code docs/BENCHMARKS.md}.
 */
package org.alchemiststack.bench;
