package org.alchemiststack.uow;

import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * The action sequences: jqwik's stateful ActionChain. An action is a kind of step and a seed; the step's values are
 * chosen from the state it runs on (so a shrunk chain plans again against its own state). Sequences run 5 to 25
 * actions. After a write failed, only rollback() (or the end) may follow.
 */
final class Actions {
    static final int MAX_STEPS = 25;
    static final int MIN_STEPS = 5;

    private Actions() {
    }

    /** Plans a step; null when the state offers nothing for it. */
    interface Planner {
        Step plan(Harness h, RefModel m, Gen rnd);
    }

    static ActionChainArbitrary<Harness> chains(Supplier<Harness> start) {
        return ActionChain.<Harness>startWith(start)
                .withAction(4, planned("add", Plans::add))
                .withAction(3, planned("find", Plans::find))
                .withAction(1, planned("queryAll", Plans::queryAll))
                .withAction(4, planned("change", Plans::change))
                .withAction(4, planned("updateDetached", Plans::updateDetached))
                .withAction(3, planned("delete", Plans::delete))
                .withAction(1, planned("deleteById", Plans::deleteById))
                .withAction(1, planned("updateById", Plans::updateById))
                .withAction(1, planned("bulkUpdate", Plans::bulkUpdate))
                .withAction(1, planned("bulkDelete", Plans::bulkDelete))
                .withAction(2, planned("upsert", Plans::upsert))
                .withAction(1, planned("rawSql", Plans::rawSql))
                .withAction(2, planned("flush", (h, m, r) -> new Steps.Flush()))
                .withAction(3, planned("commit", (h, m, r) -> new Steps.Commit()))
                .withAction(2, planned("nested", Plans::nested))
                .withAction(1, planned("readOnlyElsewhere", Plans::readOnlyElsewhere))
                .withAction(1, rollback())
                .withAction(1, end())
                .withMaxTransformations(MAX_STEPS);
    }

    private static Action.Independent<Harness> planned(String name, Planner planner) {
        return new Action.Independent<>() {
            @Override
            public boolean precondition(Harness h) {
                return !h.m.failed;
            }

            @Override
            public Arbitrary<Transformer<Harness>> transformer() {
                return Arbitraries.longs().map(seed -> new Planned(name, planner, seed));
            }
        };
    }

    /**
     * Plans its step when it runs, from the state it runs on: during shrinking a step may run on another state than
     * the one it was first generated for. Its description is the concrete step once it has run.
     */
    private static final class Planned implements Transformer<Harness> {
        private final String name;
        private final Planner planner;
        private final long seed;
        private String description;

        Planned(String name, Planner planner, long seed) {
            this.name = name;
            this.planner = planner;
            this.seed = seed;
        }

        @Override
        public Harness apply(Harness h) {
            if (h.m.failed) {
                description = name + ": skipped, the session failed";
                h.log.add("-. " + description);
                return h;
            }
            Step st = planner.plan(h, h.m, new Gen(seed, h.highWater()));
            if (st == null) {
                description = name + ": nothing to act on";
                h.log.add("-. " + description);
                return h;
            }
            description = st.describe();
            h.run(st);
            return h;
        }

        @Override
        public String transformation() {
            return description != null ? description : name + " (seed " + seed + ")";
        }
    }

    private static Action.Independent<Harness> rollback() {
        Step st = new Steps.Rollback();
        return Action.just(st.describe(), hh -> {
            hh.run(st);
            return hh;
        });
    }

    private static Action.Independent<Harness> end() {
        return new Action.Independent<>() {
            @Override
            public boolean precondition(Harness h) {
                return h.steps >= MIN_STEPS;
            }

            @Override
            public Arbitrary<Transformer<Harness>> transformer() {
                return Arbitraries.just(Transformer.endOfChain());
            }
        };
    }
}
