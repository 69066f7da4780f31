package org.alchemiststack.internal.query;

import static org.alchemiststack.query.Order.asc;
import static org.alchemiststack.query.Order.desc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.alchemiststack.dialect.H2Dialect;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.ModelScanner;
import org.alchemiststack.query.Cursor;
import org.alchemiststack.query.Order;
import org.alchemiststack.query.Tagged;
import org.junit.jupiter.api.Test;

/**
 * The seek condition of keyset pages as SQL text, without a database: one row-value comparison where no key can be
 * NULL, a NULL-aware expansion where one can.
 */
class KeysetSeekRenderingTest {
    private static final ModelMeta<Tagged> META = new ModelScanner(new H2Dialect()).scan(Tagged.class, 0);

    private static String seek(List<Order> sort, Object... cursor) {
        SqlParts p = new SqlParts(META);
        Keyset.after(META, sort, Cursor.of(Arrays.asList(cursor))).render(p);
        assertThat(p.values).hasSize((int) p.sql.chars().filter(c -> c == '?').count());
        return p.sql.toString();
    }

    @Test
    void nonNullKeysInOneDirectionKeepTheRowValueComparison() {
        assertThat(seek(List.of(asc("rank"), asc("id")), 1, 7L)).isEqualTo("(rank, id) > (?, ?)");
        assertThat(seek(List.of(desc("rank"), desc("id")), 1, 7L)).isEqualTo("(rank, id) < (?, ?)");
    }

    @Test
    void anAscendingNullableKeyAfterNullAdmitsEveryValue() {
        assertThat(seek(List.of(asc("grp"), asc("id")), null, 7L))
                .isEqualTo("((grp IS NOT NULL) OR (grp IS NULL AND id > ?))");
        assertThat(seek(List.of(asc("grp"), asc("id")), 2, 7L))
                .isEqualTo("((grp > ?) OR (grp = ? AND id > ?))");
    }

    @Test
    void aDescendingNullableKeyAfterAValueAdmitsTheNullsAndAfterNullOnlyItsTies() {
        assertThat(seek(List.of(desc("grp"), desc("id")), 2, 7L))
                .isEqualTo("(((grp < ? OR grp IS NULL)) OR (grp = ? AND id < ?))");
        assertThat(seek(List.of(desc("grp"), desc("id")), null, 7L)).isEqualTo("((grp IS NULL AND id < ?))");
    }

    @Test
    void aNullInAMiddleKeyComparesWithIsNull() {
        assertThat(seek(List.of(asc("rank"), desc("tag"), asc("id")), 1, null, 7L))
                .isEqualTo("((rank > ?) OR (rank = ? AND tag IS NULL AND id > ?))");
    }
}
