package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.alchemiststack.ConcurrentSessionUseException;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.NoOpenSessionException;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A session lets one thread in at a time: every entry point refuses a second thread with
 * {@link ConcurrentSessionUseException} and changes nothing, lets the next thread in once it returns, and (where it
 * does work) refuses a failed transaction.
 */
class OneThreadGuardTest {
    private Context ctx;
    private DefaultSession s;
    private ModelMeta<Tag> tags;
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @BeforeEach
    void open() {
        ctx = TestDb.H2.context(Tag.class);
        ctx.useTransaction(x -> {
            x.add(new Tag(1, "one", 1));
            x.add(new Tag(2, "two", 2));
        });
        s = (DefaultSession) ctx.openSession();
        tags = s.core.meta(Tag.class);
    }

    @AfterEach
    void closeSession() {
        other.shutdownNow();
        if (s.isOpen()) {
            s.close();
        }
    }

    /** One entry point of the session, run on an entity that exists (id 1) and one that does not (id 9). */
    static Stream<Named<Consumer<OneThreadGuardTest>>> entryPoints() {
        return Stream.of(
                op("add", t -> t.s.add(new Tag(9, "nine", 9))),
                op("addAll", t -> t.s.addAll(List.of(new Tag(9, "nine", 9)))),
                op("find", t -> t.s.find(Tag.class, 1L)),
                op("get", t -> t.s.get(Tag.class, 1L)),
                op("findForUpdate", t -> t.s.findForUpdate(Tag.class, 1L)),
                op("update", t -> t.s.update(new Tag(1, "uno", 10))),
                op("delete", t -> t.s.delete(new Tag(2, "two", 2))),
                op("flush", t -> t.s.flush()),
                op("commit", t -> t.s.commit()),
                op("rollback", t -> t.s.rollback()),
                op("hasPendingChanges", t -> t.s.hasPendingChanges()),
                op("dirty", t -> t.s.dirty()),
                op("expunge", t -> t.s.expunge(new Tag(1, "one", 1))),
                op("clear", t -> t.s.clear()),
                op("connection", t -> t.s.connection()),
                op("query", t -> t.s.query(Tag.class).list()),
                op("sql", t -> t.s.sql("UPDATE pin_tag SET weight = 5 WHERE id = 1").execute()),
                op("upsert", t -> t.s.upsert(new Tag(9, "nine", 9))),
                op("upsertAll", t -> t.s.upsertAll(List.of(new Tag(9, "nine", 9)))),
                op("nested", t -> t.s.nested(() -> t.s.add(new Tag(9, "nine", 9)))),
                op("run", t -> t.s.run(x -> x.tracks())),
                op("insertNow", t -> RepositoryOps.insertNow(t.s, t.tags, new Tag(9, "nine", 9))),
                op("updateNow", t -> RepositoryOps.updateNow(t.s, t.tags, new Tag(1, "uno", 10))),
                op("deleteNow", t -> RepositoryOps.deleteNow(t.s, t.tags, new Tag(2, "two", 2))),
                op("existsById", t -> RepositoryOps.existsById(t.s, t.tags, 1L)),
                op("deleteById", t -> RepositoryOps.deleteById(t.s, t.tags, 2L)),
                op("updateById", t -> RepositoryOps.updateById(t.s, t.tags, 1L, Map.of("weight", 10))));
    }

    private static Named<Consumer<OneThreadGuardTest>> op(String name, Consumer<OneThreadGuardTest> body) {
        return Named.of(name, body);
    }

    private void onOtherThread(Runnable r) throws InterruptedException, ExecutionException {
        other.submit(r).get();
    }

    private String stored() {
        return Rows.text(ctx, "SELECT COUNT(*) || ':' || SUM(weight) FROM pin_tag");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryPoints")
    void aSecondThreadIsRefusedAndChangesNothing(Consumer<OneThreadGuardTest> op) throws Exception {
        s.get(Tag.class, 1L);
        String before = stored();
        onOtherThread(s::enter);
        assertThatThrownBy(() -> op.accept(this)).isInstanceOf(ConcurrentSessionUseException.class)
                .hasMessageContaining("one thread at a time");
        onOtherThread(s::exit);
        assertThat(s.isOpen()).isTrue();
        assertThat(s.hasPendingChanges()).as("nothing pending").isFalse();
        assertThat(s.find(Tag.class, 9L)).isEmpty();
        assertThat(s.get(Tag.class, 1L).weight).isEqualTo(1);
        s.commit();
        assertThat(stored()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryPoints")
    void anotherThreadMayUseTheSessionOnceTheCallReturned(Consumer<OneThreadGuardTest> op) throws Exception {
        op.accept(this);
        onOtherThread(() -> {
            s.enter();
            s.exit();
        });
        s.rollback();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryPoints")
    void theOwnerMayReenterThroughEveryEntryPoint(Consumer<OneThreadGuardTest> op) throws Exception {
        s.enter();
        try {
            op.accept(this);
        } finally {
            s.exit();
        }
        onOtherThread(() -> {
            s.enter();
            s.exit();
        });
        s.rollback();
    }

    /** The entry points that do work refuse it after the transaction failed, until rollback(). */
    static Stream<Named<Consumer<OneThreadGuardTest>>> workingEntryPoints() {
        return entryPoints().filter(n -> !List.of("rollback", "hasPendingChanges", "dirty", "expunge", "clear")
                .contains(n.getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workingEntryPoints")
    void aFailedTransactionRefusesWorkUntilRollback(Consumer<OneThreadGuardTest> op) throws Exception {
        s.add(new Tag(7, "one", 7));
        assertThatThrownBy(s::flush).isInstanceOf(ConstraintViolationException.class);
        assertThatThrownBy(() -> op.accept(this)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rollback()").hasMessageContaining("(ConstraintViolationException: ");
        onOtherThread(() -> {
            s.enter();
            s.exit();
        });
        s.rollback();
        op.accept(this);
        s.rollback();
    }

    private void onOtherThreadUnchecked(Runnable r) {
        try {
            onOtherThread(r);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void closeByASecondThreadIsRefusedAndTheSessionStaysOpen() throws Exception {
        onOtherThread(s::enter);
        assertThatThrownBy(s::close).isInstanceOf(ConcurrentSessionUseException.class);
        onOtherThread(s::exit);
        assertThat(s.isOpen()).isTrue();
        s.close();
        assertThat(s.isOpen()).isFalse();
        assertThatThrownBy(() -> onOtherThreadUnchecked(s::enter)).hasRootCauseInstanceOf(NoOpenSessionException.class);
        s.close();
    }

    @Test
    void aClosedSessionRefusesEveryThreadWithNoOpenSession() {
        s.close();
        assertThatThrownBy(() -> s.find(Tag.class, 1L)).isInstanceOf(NoOpenSessionException.class);
        assertThatThrownBy(() -> s.add(new Tag(9, "nine", 9))).isInstanceOf(NoOpenSessionException.class);
        assertThatThrownBy(s::clear).isInstanceOf(NoOpenSessionException.class);
        onOtherThreadUnchecked(() -> assertThatThrownBy(s::enter).isInstanceOf(NoOpenSessionException.class));
    }
}
