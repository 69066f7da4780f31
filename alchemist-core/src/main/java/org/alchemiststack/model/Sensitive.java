package org.alchemiststack.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field whose values must never be logged: a password hash, a token, a personal number. When the context logs
 * bound values ({@code Context.Builder.logParameters(true)}), a value bound for this column, whether written or
 * compared in a query condition, appears as {@code ****} in the SQL log and in
 * {@link org.alchemiststack.observe.StatementEvent#parameters()}.
 *
 * <p>An annotation: immutable and thread-safe.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Sensitive {
}
