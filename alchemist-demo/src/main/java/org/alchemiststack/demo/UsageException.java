package org.alchemiststack.demo;

/**
 * Thrown for a command line the demo cannot run; the message says which option is wrong and why.
 *
 * <p>Instances are immutable once thrown and safe to pass between threads.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
