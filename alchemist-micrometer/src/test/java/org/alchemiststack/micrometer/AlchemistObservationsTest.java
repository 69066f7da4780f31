package org.alchemiststack.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.List;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AlchemistObservationsTest {

    static List<Observation.Context> named(List<Observation.Context> all, String name) {
        return all.stream().filter(c -> name.equals(c.getName())).toList();
    }

    static String low(Observation.Context c, String key) {
        return c.getLowCardinalityKeyValue(key) == null ? null : c.getLowCardinalityKeyValue(key).getValue();
    }

    static String high(Observation.Context c, String key) {
        return c.getHighCardinalityKeyValue(key) == null ? null : c.getHighCardinalityKeyValue(key).getValue();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aTransactionIsOneUnitOfWorkWithItsStatementsAndTheApplicationsObservationsInside(Db which)
            throws Exception {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (TestDatabase db = which.open(); Context ctx = db.context(Gadget.class);
                ObservationBinding binding = AlchemistObservations.bind(ctx, registry)) {
            ctx.useTransaction(s -> {
                s.add(new Gadget(1L, "a", 1));
                s.flush();
                Observation.createNotStarted("app.step", registry).observe(() -> s.add(new Gadget(2L, "b", 2)));
            });
            assertThat(registry.getCurrentObservation()).isNull();

            TestObservationRegistryAssert.assertThat(registry)
                    .hasNumberOfObservationsWithNameEqualTo("alchemist.unit-of-work", 1)
                    .hasNumberOfObservationsWithNameEqualTo("alchemist.statement", 2)
                    .hasNumberOfObservationsWithNameEqualTo("app.step", 1)
                    .hasHandledContextsThatSatisfy(all -> {
                        Observation.Context unit = named(all, "alchemist.unit-of-work").get(0);
                        assertThat(low(unit, "alchemist.outcome")).isEqualTo("commit");
                        assertThat(low(unit, "db.system")).isEqualTo(ctx.dialect().name());
                        assertThat(low(unit, "alchemist.read_only")).isEqualTo("false");
                        assertThat(high(unit, "alchemist.statement_count")).isEqualTo("2");
                        assertThat(unit.getError()).isNull();
                        assertThat(named(all, "app.step").get(0).getParentObservation().getContextView())
                                .isSameAs(unit);
                        List<Observation.Context> statements = named(all, "alchemist.statement");
                        assertThat(statements).allSatisfy(st -> {
                            assertThat(st.getParentObservation().getContextView()).isSameAs(unit);
                            assertThat(low(st, "alchemist.kind")).isEqualTo("insert");
                            assertThat(low(st, "alchemist.model")).isEqualTo("Gadget");
                            assertThat(low(st, "db.system")).isEqualTo(ctx.dialect().name());
                            assertThat(high(st, "db.statement")).startsWithIgnoringCase("insert into mm_gadget");
                            assertThat(high(st, "alchemist.rows")).isEqualTo("1");
                            assertThat(st.getError()).isNull();
                        });
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aFailedStatementHasItsErrorAndTheRollbackIsRecorded(Db which) throws Exception {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (TestDatabase db = which.open(); Context ctx = db.context(Gadget.class)) {
            ctx.useTransaction(s -> s.add(new Gadget(1L, "a", 1)));
            try (ObservationBinding binding = AlchemistObservations.bind(ctx, registry)) {
                assertThatThrownBy(() -> ctx.useTransaction(s -> {
                    s.add(new Gadget(2L, "a", 2));
                    s.flush();
                })).isInstanceOf(ConstraintViolationException.class);
                ctx.readOnly(s -> s.sql("select count(*) from mm_gadget").one(Long.class));
            }
            // Read-only work on the primary begins with SET TRANSACTION READ ONLY where the database has it: a
            // statement of its own, of kind other.
            boolean setsReadOnly = ctx.dialect().readOnlyTransactionSql() != null;
            TestObservationRegistryAssert.assertThat(registry)
                    .hasNumberOfObservationsWithNameEqualTo("alchemist.unit-of-work", 2)
                    .hasNumberOfObservationsWithNameEqualTo("alchemist.statement", setsReadOnly ? 3 : 2)
                    .hasHandledContextsThatSatisfy(all -> {
                        List<Observation.Context> units = named(all, "alchemist.unit-of-work");
                        List<Observation.Context> statements = named(all, "alchemist.statement");
                        Observation.Context failed = units.get(0);
                        assertThat(low(failed, "alchemist.outcome")).isEqualTo("rollback");
                        assertThat(failed.getError()).isInstanceOf(ConstraintViolationException.class);
                        assertThat(statements.get(0).getError()).isInstanceOf(ConstraintViolationException.class);
                        assertThat(statements.get(0).getParentObservation().getContextView()).isSameAs(failed);
                        assertThat(low(statements.get(0), "alchemist.kind")).isEqualTo("insert");

                        Observation.Context read = units.get(1);
                        assertThat(low(read, "alchemist.outcome")).isEqualTo("commit");
                        assertThat(low(read, "alchemist.read_only")).isEqualTo("true");
                        assertThat(read.getError()).isNull();
                        Observation.Context count = statements.get(statements.size() - 1);
                        assertThat(low(count, "alchemist.model")).isEqualTo("none");
                        assertThat(low(count, "alchemist.kind")).isEqualTo("select");
                        assertThat(count.getParentObservation().getContextView()).isSameAs(read);
                        if (setsReadOnly) {
                            assertThat(low(statements.get(1), "alchemist.kind")).isEqualTo("other");
                            assertThat(high(statements.get(1), "db.statement")).containsIgnoringCase("read only");
                        }
                    });

            registry.clear();
            ctx.useTransaction(s -> s.add(new Gadget(3L, "c", 3)));
            TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyObservation();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anExplicitRollbackWithoutAFailureIsARollbackWithNoError(Db which) throws Exception {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (TestDatabase db = which.open(); Context ctx = db.context(Gadget.class);
                ObservationBinding binding = AlchemistObservations.bind(ctx, registry)) {
            try (var s = ctx.openSession()) {
                s.add(new Gadget(1L, "a", 1));
                s.flush();
                s.rollback();
            }
            TestObservationRegistryAssert.assertThat(registry)
                    .hasNumberOfObservationsWithNameEqualTo("alchemist.unit-of-work", 1)
                    .hasHandledContextsThatSatisfy(all -> {
                        Observation.Context unit = named(all, "alchemist.unit-of-work").get(0);
                        assertThat(low(unit, "alchemist.outcome")).isEqualTo("rollback");
                        assertThat(unit.getError()).isNull();
                    });
            assertThat(registry.getCurrentObservation()).isNull();
        }
    }
}
