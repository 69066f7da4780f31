package org.alchemiststack.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations {@link AlchemistObservations} makes, and their key names.
 *
 * <p>Immutable and thread-safe.
 */
public enum AlchemistObservationDocumentation implements ObservationDocumentation {
    /**
     * A unit of work: from the first statement of a session (when it borrows its connection) to its commit or
     * rollback. Its scope is open meanwhile, so statements and application observations inside it are its children.
     */
    UNIT_OF_WORK {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultUnitOfWorkConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] {CommonKeys.DB_SYSTEM, UnitOfWorkKeys.READ_ONLY, UnitOfWorkKeys.OUTCOME};
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] {UnitOfWorkKeys.ATTEMPT, UnitOfWorkKeys.STATEMENTS};
        }
    },

    /** One statement, a child of the unit of work (or of whatever observation is current) it runs in. */
    STATEMENT {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultStatementConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] {CommonKeys.DB_SYSTEM, StatementKeys.KIND, StatementKeys.MODEL};
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return new KeyName[] {StatementKeys.SQL, StatementKeys.ROWS};
        }
    };

    /** Keys on both observations. Immutable and thread-safe. */
    public enum CommonKeys implements KeyName {
        /** The dialect's name: {@code h2}, {@code postgresql}, {@code mariadb}, {@code mysql}, {@code sqlite}. */
        DB_SYSTEM {
            @Override
            public String asString() {
                return "db.system";
            }
        }
    }

    /** Keys of {@link #UNIT_OF_WORK}. Immutable and thread-safe. */
    public enum UnitOfWorkKeys implements KeyName {
        /** Whether it is read-only work: {@code true} or {@code false}. */
        READ_ONLY {
            @Override
            public String asString() {
                return "alchemist.read_only";
            }
        },
        /** How it ended: {@code commit} or {@code rollback}. */
        OUTCOME {
            @Override
            public String asString() {
                return "alchemist.outcome";
            }
        },
        /** The attempt, 1 for the first; more after a retry. */
        ATTEMPT {
            @Override
            public String asString() {
                return "alchemist.attempt";
            }
        },
        /** The statements it ran. */
        STATEMENTS {
            @Override
            public String asString() {
                return "alchemist.statement_count";
            }
        }
    }

    /** Keys of {@link #STATEMENT}. Immutable and thread-safe. */
    public enum StatementKeys implements KeyName {
        /** The statement kind in lower case: {@code select}, {@code insert}, {@code update}... */
        KIND {
            @Override
            public String asString() {
                return "alchemist.kind";
            }
        },
        /** The model's simple class name, {@code none} for raw SQL. */
        MODEL {
            @Override
            public String asString() {
                return "alchemist.model";
            }
        },
        /** The SQL text, with {@code ?} for bound values (never the values). */
        SQL {
            @Override
            public String asString() {
                return "db.statement";
            }
        },
        /** The rows written or read, {@code -1} when not known (a stream). */
        ROWS {
            @Override
            public String asString() {
                return "alchemist.rows";
            }
        }
    }
}
