package org.alchemiststack.query;

import static org.alchemiststack.query.Condition.ge;
import static org.alchemiststack.query.Order.asc;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.alchemiststack.Context;
import org.alchemiststack.Session;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;
import org.slf4j.LoggerFactory;

/** Streams release their statement and connection on close; a stream never closed is reported like a leak. */
class StreamingTest {

    @EachDatabase
    void aClosedStreamReleasesItsConnectionEvenWhenReadHalfway(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        List<Person> all = people.createAll(Person.sample(300, 5));
        try (Stream<Person> s = people.query().orderBy(asc("id")).fetchSize(16).stream()) {
            assertThat(ctx.stats().activeConnections()).isOne();
            Iterator<Person> it = s.iterator();
            for (int i = 0; i < 40; i++) {
                assertThat(it.next().id).isEqualTo(all.get(i).id);
            }
        }
        assertThat(ctx.stats().activeConnections()).isZero();
        assertThat(ctx.stats().sessionsOpen()).isZero();
        try (Stream<Person> s = people.query().where(ge("score", 5)).orderBy(asc("id")).stream()) {
            assertThat(s.map(p -> p.id).toList())
                    .isEqualTo(all.stream().filter(p -> p.score >= 5).map(p -> p.id).toList());
        }
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @EachDatabase
    void aStreamInASessionUsesItsConnectionAndLeavesItOpen(TestDb db) {
        Context ctx = db.context(Person.class);
        try (Session session = ctx.openSession()) {
            session.add(new Person("only in this transaction", null, null, 1));
            try (Stream<Person> s = session.query(Person.class).stream()) {
                assertThat(s.map(p -> p.name).toList()).containsExactly("only in this transaction");
            }
            assertThat(session.isOpen()).isTrue();
            assertThat(ctx.stats().activeConnections()).isOne();
            assertThat(session.query(Person.class).count()).isOne();
            session.rollback();
        }
        assertThat(ctx.stats().activeConnections()).isZero();
    }

    @EachDatabase
    void aStreamNeverClosedIsReportedAndItsConnectionReturned(TestDb db) throws InterruptedException {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        people.createAll(Person.sample(50, 6));
        Logger log = (Logger) LoggerFactory.getLogger("org.alchemiststack.Session");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        try {
            openAndDrop(people);
            assertThat(ctx.stats().activeConnections()).isOne();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (leakWarnings(appender) == 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
            assertThat(leakWarnings(appender)).isOne();
            ILoggingEvent warn = appender.list.stream().filter(e -> e.getFormattedMessage().contains("stream"))
                    .findFirst().orElseThrow();
            assertThat(warn.getLevel().toString()).isEqualTo("WARN");
            assertThat(warn.getFormattedMessage()).contains("dropped without close()")
                    .contains("connection returned to the pool");
            assertThat(warn.getThrowableProxy().getStackTraceElementProxyArray())
                    .anySatisfy(f -> assertThat(f.getSTEAsString()).contains("openAndDrop"));
            assertThat(ctx.stats().activeConnections()).isZero();
            assertThat(ctx.stats().sessionsOpen()).isZero();
            assertThat(ctx.stats().leakWarnings()).isOne();
            assertThat(people.count()).isEqualTo(50);
        } finally {
            log.detachAppender(appender);
        }
    }

    private static long leakWarnings(ListAppender<ILoggingEvent> appender) {
        return appender.list.stream().filter(e -> e.getFormattedMessage().contains("A stream of")).count();
    }

    private static void openAndDrop(People people) {
        Stream<Person> s = people.query().orderBy(asc("id")).fetchSize(5).stream();
        assertThat(s.iterator().next()).isNotNull();
    }
}
