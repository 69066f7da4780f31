package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.alchemiststack.dialect.H2Dialect;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.ModelScanner;
import org.junit.jupiter.api.Test;

/** The identity map's room-making for a query's rows never loses or replaces what it tracks. */
class IdentityMapTest {
    @Entity
    static class Thing {
        @Id
        long id;
    }

    @SuppressWarnings("unchecked")
    private static final ModelMeta<Object> META = (ModelMeta<Object>) (ModelMeta<?>) new ModelScanner(
            new H2Dialect(), false).scan(Thing.class, 0);

    private static Entry entry(long id) {
        Thing t = new Thing();
        t.id = id;
        return new Entry(META, t, new Object[] {id}, id, Entry.State.MANAGED);
    }

    @Test
    void reservingKeepsWhatIsTrackedAndPutIfAbsentKeepsTheFirst() {
        IdentityMap map = new IdentityMap(1);
        assertThat(map.isEmpty()).isTrue();
        Entry first = entry(1L);
        assertThat(map.putIfAbsent(META, 1L, first)).isNull();
        map.reserve(META, 1_000);
        assertThat(map.get(META, 1L)).isSameAs(first);
        assertThat(map.putIfAbsent(META, 1L, entry(1L))).isSameAs(first);
        assertThat(map.get(META, 1L)).isSameAs(first);
        assertThat(map.all()).containsExactly(first);
    }

    @Test
    void aReservedTableTakesMoreRowsThanReservedAndAHugeReservationIsCapped() {
        IdentityMap map = new IdentityMap(1);
        map.reserve(META, Integer.MAX_VALUE);
        for (long id = 0; id < IdentityMap.MAX_RESERVED + 10; id++) {
            assertThat(map.putIfAbsent(META, id, entry(id))).isNull();
        }
        assertThat(map.of(META)).hasSize(IdentityMap.MAX_RESERVED + 10);
        assertThat(map.get(META, 7L).id).isEqualTo(7L);
    }
}
