package org.alchemiststack.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.alchemiststack.Session;

/**
 * The known workload of the metrics tests: 3 inserts in one transaction, 2 finds and 1 update in another, a count in
 * raw SQL, then an insert that breaks the unique code and is rolled back. 2 commits, 1 rollback, 8 statements:
 * {@link #EXPECTED}.
 */
final class Workload {
    private Workload() {
    }

    /** The statements the workload runs, by kind/model/outcome/exception. */
    static final Map<String, Long> EXPECTED = Map.of(
            "insert/Gadget/success/none", 3L,
            "select/Gadget/success/none", 2L,
            "update/Gadget/success/none", 1L,
            "select/none/success/none", 1L,
            "insert/Gadget/error/ConstraintViolationException", 1L);

    static void run(Context ctx) {
        ctx.useTransaction(s -> {
            s.add(new Gadget(1L, "a", 1));
            s.flush();
            s.add(new Gadget(2L, "b", 2));
            s.flush();
            s.add(new Gadget(3L, "c", 3));
        });
        ctx.useTransaction(s -> {
            assertThat(s.find(Gadget.class, 1L)).isPresent();
            Gadget two = s.find(Gadget.class, 2L).orElseThrow();
            s.update(new Gadget(two.id(), two.code(), 20));
            assertThat(s.sql("select count(*) from mm_gadget").one(Long.class)).isEqualTo(3L);
        });
        try (Session s = ctx.openSession()) {
            s.add(new Gadget(4L, "a", 4));
            assertThatThrownBy(s::commit).isInstanceOf(ConstraintViolationException.class);
            s.rollback();
        }
    }
}
