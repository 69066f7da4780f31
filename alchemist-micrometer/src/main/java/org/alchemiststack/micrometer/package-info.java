/**
 * Micrometer metrics and observations for an alchemist-stack {@link org.alchemiststack.Context}.
 *
 * <p>{@link org.alchemiststack.micrometer.AlchemistMetrics#bind AlchemistMetrics.bind(ctx, meterRegistry)} registers
 * the statement timer {@code alchemist.statements}, the session, commit, rollback, retry and leak meters, and
 * HikariCP's pool meters; {@link org.alchemiststack.micrometer.AlchemistObservations#bind
 * AlchemistObservations.bind(ctx, observationRegistry)} makes an observation per unit of work and per statement, which
 * Micrometer Tracing turns into spans. Both return a binding to close. The core module does not depend on this one.
 */
package org.alchemiststack.micrometer;
