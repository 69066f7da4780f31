package org.alchemiststack;

import java.sql.Connection;

/**
 * Transaction isolation levels a {@link Context} can set on its connections.
 *
 * <p>Enum constants are immutable and safe to share between threads.
 */
public enum Isolation {
    /** {@link Connection#TRANSACTION_READ_UNCOMMITTED}. */
    READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
    /** {@link Connection#TRANSACTION_READ_COMMITTED}. */
    READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
    /** {@link Connection#TRANSACTION_REPEATABLE_READ}. */
    REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
    /** {@link Connection#TRANSACTION_SERIALIZABLE}. */
    SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

    private final int jdbcLevel;

    Isolation(int jdbcLevel) {
        this.jdbcLevel = jdbcLevel;
    }

    /**
     * Returns the JDBC constant.
     *
     * @return one of the {@code Connection.TRANSACTION_*} values
     */
    public int jdbcLevel() {
        return jdbcLevel;
    }

    /**
     * Returns the name HikariCP's {@code transactionIsolation} setting takes.
     *
     * @return for example {@code TRANSACTION_SERIALIZABLE}
     */
    public String hikariName() {
        return "TRANSACTION_" + name();
    }
}
