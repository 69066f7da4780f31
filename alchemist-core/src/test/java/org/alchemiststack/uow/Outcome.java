package org.alchemiststack.uow;

import java.util.Set;
import java.util.function.Consumer;

/**
 * What the model predicts for one write: the exception types it must fail with (empty: it must succeed), and a check
 * of the value it returns. {@code skip} marks a combination the spec leaves open, which the step then does not run.
 */
record Outcome(Set<Class<? extends RuntimeException>> failures, boolean skip, Consumer<Object> check) {

    static Outcome ok(Consumer<Object> check) {
        return new Outcome(Set.of(), false, check);
    }

    static Outcome ok() {
        return ok(r -> { });
    }

    static Outcome failsWith(Set<Class<? extends RuntimeException>> failures) {
        return new Outcome(failures, false, r -> { });
    }

    static Outcome skipped() {
        return new Outcome(Set.of(), true, r -> { });
    }
}
