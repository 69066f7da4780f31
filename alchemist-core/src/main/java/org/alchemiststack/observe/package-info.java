/**
 * Listening to the statements and units of work a context runs: the seam for logs, metrics and traces.
 *
 * <p>Register a {@link org.alchemiststack.observe.StatementListener} with
 * {@code Context.builder().listener(..)} or {@code Context.addListener(..)}. The SQL log on the SLF4J logger
 * {@code org.alchemiststack.sql} and the {@code alchemist-micrometer} module are listeners too.
 */
package org.alchemiststack.observe;
