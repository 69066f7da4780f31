package org.alchemiststack.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.SerializationFailureException;
import org.alchemiststack.Session;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.query.Condition;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.slf4j.LoggerFactory;

/**
 * The statement listener is told about exactly the statements a session runs, with what they did, and about every
 * unit of work, on every database; a listener that throws never breaks the work.
 */
class StatementListenerTest {

    private static Context context(TestDb db, StatementListener listener) {
        return TestDb.fresh(db.builder(Person.class).listener(listener).build());
    }

    private static long statementsRun(Context ctx, Runnable work) {
        long before = ctx.stats().statements();
        work.run();
        return ctx.stats().statements() - before;
    }

    @EachDatabase
    void eachStatementIsToldWithItsKindModelRowsAndBatch(TestDb db) {
        Recorder r = new Recorder();
        Context ctx = context(db, r);
        r.clear();
        Person ada = new Person("Ada", "ada@example.org", 36);
        Person bob = new Person("Bob", "bob@example.org", 41);
        long sent = statementsRun(ctx, () -> ctx.useTransaction(s -> s.addAll(List.of(ada, bob))));

        assertThat(r.statements).hasSize((int) sent);
        assertThat(r.statements).allSatisfy(st -> {
            assertThat(st.kind()).isEqualTo(StatementKind.INSERT);
            assertThat(st.model()).contains(Person.class);
            assertThat(st.error()).isNull();
            assertThat(st.sql()).containsIgnoringCase("insert").doesNotContain("Ada");
        });
        assertThat(r.statements.stream().mapToInt(Recorder.Stmt::batch).sum()).as("rows carried").isEqualTo(2);
        assertThat(r.statements.stream().mapToLong(Recorder.Stmt::rows).sum()).as("rows written").isEqualTo(2);
        assertThat(r.unitKinds()).containsExactly(UnitOfWorkEvent.Kind.BEGIN, UnitOfWorkEvent.Kind.COMMIT);
        assertThat(r.units.get(1).statements()).as("statements of the unit").isEqualTo(sent);
        assertThat(r.units.get(1).session()).isSameAs(r.statements.get(0).session());

        r.clear();
        sent = statementsRun(ctx, () -> ctx.useTransaction(s -> {
            Person found = s.get(Person.class, ada.id);
            assertThat(s.find(Person.class, -1L)).isEmpty();
            found.age = 37;
        }));
        assertThat(r.kinds()).containsExactly(StatementKind.SELECT, StatementKind.SELECT, StatementKind.UPDATE);
        assertThat(r.statements).extracting(Recorder.Stmt::rows).containsExactly(1L, 0L, 1L);
        assertThat(sent).isEqualTo(3);
        assertThat(r.statements).allSatisfy(st -> assertThat(st.nanos()).isPositive());

        r.clear();
        ctx.useTransaction(s -> {
            assertThat(s.query(Person.class).where(Condition.ge("age", 0)).list()).hasSize(2);
            assertThat(s.sql("SELECT name FROM c_person ORDER BY name").list(String.class)).hasSize(2);
            assertThat(s.query(Person.class).where(Condition.eq("name", "Bob")).delete()).isEqualTo(1);
        });
        assertThat(r.kinds()).as("the bulk delete re-reads the session's tracked people after it")
                .containsExactly(StatementKind.SELECT, StatementKind.SELECT, StatementKind.DELETE,
                        StatementKind.SELECT);
        assertThat(r.statements).extracting(Recorder.Stmt::rows).containsExactly(2L, 2L, 1L, 1L);
        assertThat(r.statements.get(1).model()).as("raw SQL has no model").isEmpty();
        assertThat(r.mismatches).isEmpty();
    }

    @EachDatabase
    void aFailedStatementCarriesItsErrorAndItsUnitRollsBack(TestDb db) {
        Recorder r = new Recorder();
        Context ctx = context(db, r);
        ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 36)));
        r.clear();
        assertThatThrownBy(() -> ctx.useTransaction(s -> s.add(new Person("Eve", "ada@example.org", 20))))
                .isInstanceOf(ConstraintViolationException.class);
        assertThat(r.statements).last().satisfies(st -> {
            assertThat(st.kind()).isEqualTo(StatementKind.INSERT);
            assertThat(st.error()).isEqualTo("ConstraintViolationException");
            assertThat(st.rows()).isEqualTo(-1);
        });
        assertThat(r.unitKinds()).containsExactly(UnitOfWorkEvent.Kind.BEGIN, UnitOfWorkEvent.Kind.ROLLBACK);
        assertThat(r.units.get(1).error()).isEqualTo("ConstraintViolationException");
        assertThat(r.mismatches).isEmpty();
    }

    @EachDatabase
    void aRetryIsToldWithTheFailedAttemptAndTheNextAttemptBeginsAgain(TestDb db) {
        Recorder r = new Recorder();
        Context ctx = context(db, r);
        r.clear();
        AtomicInteger runs = new AtomicInteger();
        ctx.useTransaction(s -> {
            s.add(new Person("Run" + runs.get(), "run" + runs.get() + "@example.org", 1));
            s.flush();
            if (runs.incrementAndGet() == 1) {
                throw new SerializationFailureException("simulated conflict");
            }
        });
        assertThat(r.unitKinds()).containsExactly(UnitOfWorkEvent.Kind.BEGIN, UnitOfWorkEvent.Kind.ROLLBACK,
                UnitOfWorkEvent.Kind.RETRY, UnitOfWorkEvent.Kind.BEGIN, UnitOfWorkEvent.Kind.COMMIT);
        assertThat(r.units).extracting(Recorder.Unit::attempt).containsExactly(1, 1, 1, 2, 2);
        assertThat(r.units.get(2).error()).isEqualTo("SerializationFailureException");
        assertThat((long) ctx.inTransaction(s -> s.query(Person.class).count())).isEqualTo(1L);
    }

    @EachDatabase
    void aReadOnlyUnitIsToldAsReadOnlyAndAStreamHasNoRowCountYet(TestDb db) {
        Recorder r = new Recorder();
        Context ctx = context(db, r);
        ctx.useTransaction(s -> s.add(new Person("Ada", "ada@example.org", 36)));
        r.clear();
        ctx.useReadOnly(s -> {
            try (Stream<Person> people = s.query(Person.class).stream()) {
                assertThat(people.count()).isEqualTo(1);
            }
        });
        String setReadOnly = ctx.dialect().readOnlyTransactionSql();
        if (setReadOnly != null) {
            assertThat(r.statements).as("on the primary, read-only work begins with " + setReadOnly).hasSize(2);
            assertThat(r.statements.get(0).sql()).isEqualTo(setReadOnly);
            assertThat(r.statements.get(0).kind()).isEqualTo(StatementKind.OTHER);
        } else {
            assertThat(r.statements).hasSize(1);
        }
        assertThat(r.statements).last().satisfies(st -> {
            assertThat(st.kind()).isEqualTo(StatementKind.SELECT);
            assertThat(st.rows()).as("a stream's rows are read later").isEqualTo(-1);
        });
        assertThat(r.units).hasSize(2).allSatisfy(u -> assertThat(u.readOnly()).isTrue());
    }

    @EachDatabase
    void aRepositoryCallOutsideASessionIsOneStatementWithNoUnitOfWork(TestDb db) {
        Recorder r = new Recorder();
        Context ctx = context(db, r);
        r.clear();
        org.alchemiststack.contract.models.People people = new org.alchemiststack.contract.models.People(ctx);
        people.create(new Person("Ada", "ada@example.org", 36));
        assertThat(r.kinds()).containsExactly(StatementKind.INSERT);
        assertThat(r.units).as("auto-committed: no unit of work").isEmpty();
    }

    @EachDatabase
    void aThrowingListenerIsLoggedOnceAndNeverBreaksTheWork(TestDb db) {
        AtomicInteger calls = new AtomicInteger();
        StatementListener broken = new StatementListener() {
            @Override
            public Object statementStarted(StatementEvent statement) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void unitOfWorkEnded(UnitOfWorkEvent unit, Object started) {
                throw new IllegalStateException("listener bug at the end");
            }
        };
        Recorder after = new Recorder();
        Logger logger = (Logger) LoggerFactory.getLogger("org.alchemiststack.internal.Listeners");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            Context ctx = TestDb.fresh(db.builder(Person.class).listener(broken).listener(after).build());
            for (int i = 0; i < 3; i++) {
                int n = i;
                ctx.useTransaction(s -> s.add(new Person("P" + n, "p" + n + "@example.org", n)));
            }
            assertThat((long) ctx.inTransaction(s -> s.query(Person.class).count())).isEqualTo(3L);
            assertThat(calls.get()).as("still called after it threw").isGreaterThanOrEqualTo(4);
            assertThat(after.statements).as("the next listener is told too").hasSizeGreaterThanOrEqualTo(4);
            assertThat(after.mismatches).isEmpty();
            assertThat(logged.list).as("one WARN per failing listener, not one per call").hasSize(1);
            assertThat(logged.list.get(0).getFormattedMessage()).contains(broken.getClass().getName())
                    .contains("statementStarted");
        } finally {
            logger.detachAppender(logged);
        }
    }

    @EachDatabase
    void aListenerAddedLaterHearsOnlyNewSessionsAndARemovedOneNothingNew(TestDb db) {
        Context ctx = db.context(Person.class);
        Recorder r = new Recorder();
        try (Session open = ctx.openSession()) {
            ctx.addListener(r);
            open.add(new Person("Ada", "ada@example.org", 36));
            open.commit();
            assertThat(r.statements).as("a session open before the listener was added").isEmpty();
        }
        ctx.useTransaction(s -> s.query(Person.class).count());
        assertThat(r.statements).hasSize(1);
        assertThat(ctx.removeListener(r)).isTrue();
        assertThat(ctx.removeListener(r)).isFalse();
        ctx.useTransaction(s -> s.query(Person.class).count());
        assertThat(r.statements).hasSize(1);
    }
}
