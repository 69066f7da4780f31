package org.alchemiststack.hostile13;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.alchemiststack.Context;
import org.alchemiststack.model.Ref;
import org.alchemiststack.query.Condition;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.LogLines;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A sensitive value that is a key: the id of a parent, and the foreign key of its children. */
class SensitiveKeyAttackTest {
    private final LogLines log = new LogLines("org.alchemiststack.sql");
    private final ListAppender<ILoggingEvent> lines = log.appender();

    @BeforeEach
    void capture() {
        log.start(Level.DEBUG);
    }

    @AfterEach
    void release() {
        log.stop();
    }

    private String logged() {
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : new ArrayList<>(lines.list)) {
            sb.append(e.getFormattedMessage()).append('\n');
        }
        return sb.toString();
    }

    /** Inserting a child binds the parent's personal number as its foreign key: shown in clear. */
    @EachDatabase
    void aSensitiveForeignKeyIsMaskedWhenAChildIsWritten(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = TestDb.fresh(db.builder(Citizen.class, Claim.class).logParameters(true).listener(l).build());
        ctx.useTransaction(s -> s.add(new Citizen("PN19700101-1234", "ada")));
        lines.list.clear();
        ctx.useTransaction(s -> s.add(new Claim("broken arm", Ref.to("PN19700101-1234"))));
        assertThat(logged()).as("the id is @Sensitive and so is the Ref field; its foreign-key value is bound in"
                + " clear (RelationScanner gives the FK column a plain codec)").contains("broken arm")
                .doesNotContain("PN19700101-1234");
        assertThat(l.dump()).as("StatementEvent.parameters()").doesNotContain("PN19700101-1234");
    }

    /** Querying children by their sensitive foreign key. */
    @EachDatabase
    void aSensitiveForeignKeyIsMaskedInAQueryCondition(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = TestDb.fresh(db.builder(Citizen.class, Claim.class).logParameters(true).listener(l).build());
        ctx.useTransaction(s -> s.add(new Citizen("PN19800202-5678", "bob")));
        ctx.useTransaction(s -> s.add(new Claim("flu", Ref.to("PN19800202-5678"))));
        lines.list.clear();
        l.statements.clear();
        ctx.useTransaction(s -> assertThat(s.query(Claim.class)
                .where(Condition.eq("citizen", "PN19800202-5678")).list()).hasSize(1));
        assertThat(logged()).doesNotContain("PN19800202-5678");
        assertThat(l.dump()).doesNotContain("PN19800202-5678");
    }

    /** Loading the parents of many children: their sensitive ids are bound (as an array on PostgreSQL). */
    @EachDatabase
    void sensitiveParentIdsAreMaskedWhenARelationIsLoaded(TestDb db) {
        Ledger l = new Ledger();
        Context ctx = TestDb.fresh(db.builder(Citizen.class, Claim.class).logParameters(true).listener(l).build());
        List<String> ssns = List.of("PN20000303-0001", "PN20000303-0002", "PN20000303-0003");
        ctx.useTransaction(s -> {
            for (String ssn : ssns) {
                s.add(new Citizen(ssn, "c"));
            }
        });
        ctx.useTransaction(s -> {
            for (String ssn : ssns) {
                s.add(new Claim("n", Ref.to(ssn)));
            }
        });
        lines.list.clear();
        l.statements.clear();
        ctx.useTransaction(s -> assertThat(s.query(Claim.class).with("citizen").list()).hasSize(3));
        String relationLoad = l.statements.stream().filter(st -> st.sql().contains("h13_citizen"))
                .map(Ledger.Stmt::toString).reduce("", String::concat);
        assertThat(relationLoad).as("the statement that loads the citizens").isNotEmpty();
        for (String ssn : ssns) {
            assertThat(relationLoad).as("parameters() of the relation load").doesNotContain(ssn);
            assertThat(logged()).doesNotContain(ssn);
        }
    }
}
