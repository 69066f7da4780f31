package org.alchemiststack.uow;

import org.alchemiststack.Session;

/**
 * One planned action of a sequence: concrete values chosen when it was generated, outcome predicted by the reference
 * model when it runs (so that a shrunk sequence still runs every remaining step against its own state).
 */
interface Step {
    String describe();

    /**
     * Runs the step on the session (the bound one, or the one a nested block was given), checking what the model
     * predicts.
     *
     * @param h the harness
     * @param s the session to use
     */
    void run(Harness h, Session s);
}
