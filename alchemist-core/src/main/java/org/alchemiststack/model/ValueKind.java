package org.alchemiststack.model;

/**
 * The kinds of Java value a model field may hold. Each {@link org.alchemiststack.dialect.Dialect} maps every kind to a
 * column type and a {@link ValueCodec}.
 *
 * <p>Enum constants are immutable and safe to share between threads.
 */
public enum ValueKind {
    /** {@code boolean} and {@link Boolean}. */
    BOOLEAN,
    /** {@code byte} and {@link Byte}. */
    BYTE,
    /** {@code short} and {@link Short}. */
    SHORT,
    /** {@code int} and {@link Integer}. */
    INT,
    /** {@code long} and {@link Long}. */
    LONG,
    /** {@code float} and {@link Float}. */
    FLOAT,
    /** {@code double} and {@link Double}. */
    DOUBLE,
    /** {@link String}. */
    STRING,
    /** {@link java.math.BigDecimal}. */
    BIG_DECIMAL,
    /** {@link java.util.UUID}. */
    UUID,
    /** {@link java.time.Instant}, stored as a UTC timestamp with microsecond precision. */
    INSTANT,
    /** {@link java.time.LocalDate}. */
    LOCAL_DATE,
    /** {@link java.time.LocalTime}, microsecond precision. */
    LOCAL_TIME,
    /** {@link java.time.LocalDateTime}, microsecond precision. */
    LOCAL_DATE_TIME,
    /** {@link java.time.OffsetDateTime}: the instant is kept and read back at offset UTC on every database. */
    OFFSET_DATE_TIME,
    /** {@code byte[]}. */
    BYTES,
    /** An enum stored by {@link Enum#name()} ({@code @Enumerated(STRING)}). */
    ENUM_STRING,
    /** An enum stored by {@link Enum#ordinal()} ({@code @Enumerated(ORDINAL)}, the Jakarta Persistence default). */
    ENUM_ORDINAL
}
