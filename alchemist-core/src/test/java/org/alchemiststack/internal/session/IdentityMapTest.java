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
    void reservingKeepsWhatIsTrackedAndPutReplaces() {
        IdentityMap map = new IdentityMap(1);
        assertThat(map.isEmpty()).isTrue();
        Entry first = entry(1L);
        map.put(META, 1L, first);
        map.reserve(META, 1_000);
        assertThat(map.get(META, 1L)).isSameAs(first);
        Entry second = entry(1L);
        map.put(META, 1L, second);
        assertThat(map.get(META, 1L)).isSameAs(second);
        assertThat(map.all()).containsExactly(second);
    }

    @Test
    void aReservedTableTakesMoreRowsThanReservedAndAHugeReservationIsCapped() {
        IdentityMap map = new IdentityMap(1);
        map.reserve(META, Integer.MAX_VALUE);
        for (long id = 0; id < IdentityMap.MAX_RESERVED + 10; id++) {
            assertThat(map.get(META, id)).isNull();
            map.put(META, id, entry(id));
        }
        assertThat(map.of(META)).hasSize(IdentityMap.MAX_RESERVED + 10);
        assertThat(map.get(META, 7L).id).isEqualTo(7L);
    }

    /**
     * Random puts, removes and gets against a {@code HashMap}, over ids that collide and cluster
     * (sequential, strided by a power of two, a few distinct values), across growth: the open-addressed table with
     * removal by back-shifting must answer exactly as the hash map does.
     */
    @Test
    void behavesLikeAHashMapUnderRandomOperations() {
        for (long seed = 1; seed <= 40; seed++) {
            java.util.Random rnd = new java.util.Random(seed);
            IdentityMap map = new IdentityMap(1);
            java.util.Map<Object, Entry> ref = new java.util.HashMap<>();
            int stride = 1 << rnd.nextInt(12);
            int range = 1 + rnd.nextInt(seed % 3 == 0 ? 8 : 3000);
            for (int step = 0; step < 4000; step++) {
                long id = (long) rnd.nextInt(range) * stride;
                int op = rnd.nextInt(10);
                if (op < 4) {
                    Entry e = entry(id);
                    map.put(META, id, e);
                    ref.put(id, e);
                } else if (op < 7) {
                    map.remove(META, id);
                    ref.remove(id);
                } else {
                    assertThat(map.get(META, id)).as("seed %d step %d id %d", seed, step, id).isSameAs(ref.get(id));
                    assertThat(map.getIntegral(META, id, true)).as("unboxed id %d", id).isSameAs(ref.get(id));
                }
            }
            for (long i = 0; i < range; i++) {
                assertThat(map.get(META, i * stride)).isSameAs(ref.get(i * stride));
            }
            assertThat(map.of(META)).containsExactlyInAnyOrderElementsOf(ref.values());
        }
    }

    @Test
    void anUnboxedIdFindsOnlyAKeyOfItsOwnBoxType() {
        IdentityMap map = new IdentityMap(1);
        Entry asLong = entry(5L);
        Entry asInt = entry(6L);
        map.put(META, 5L, asLong);
        map.put(META, 6, asInt);
        assertThat(map.getIntegral(META, 5, true)).isSameAs(asLong);
        assertThat(map.getIntegral(META, 5, false)).isNull();
        assertThat(map.getIntegral(META, 6, false)).isSameAs(asInt);
        assertThat(map.getIntegral(META, 6, true)).isNull();
        assertThat(map.getIntegral(META, 7, true)).isNull();
        assertThat(new IdentityMap(1).getIntegral(META, 5, true)).isNull();
    }
}
