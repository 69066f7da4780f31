package org.alchemiststack.demo;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the demo's workers reach the database.
 *
 * <p>Enum constants are immutable and safe to share between threads.
 */
public enum Mode {
    /**
     * Every worker's unit of work queues for the one connection of a pool of one: the design of an application that
     * shares one connection, which alchemist-stack replaces. The same code as {@link #SESSIONS}.
     */
    SHARED_CONNECTION("shared-connection"),
    /** Every unit of work runs in its own session on a connection from a pool of {@code --pool-size}. */
    SESSIONS("sessions");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    /**
     * Returns the name used on the command line, in the output and on stored transfers.
     *
     * @return for example {@code shared-connection}
     */
    public String label() {
        return label;
    }

    /**
     * Finds a mode by its label.
     *
     * @param label for example {@code sessions}
     * @return the mode, or empty
     */
    public static Optional<Mode> byLabel(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }
}
