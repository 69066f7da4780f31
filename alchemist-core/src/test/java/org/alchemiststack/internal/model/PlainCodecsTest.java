package org.alchemiststack.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Entity;
import jakarta.persistence.Enumerated;
import jakarta.persistence.EnumType;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.alchemiststack.dialect.Dialect;
import org.alchemiststack.dialect.H2Dialect;
import org.alchemiststack.dialect.MariaDbDialect;
import org.alchemiststack.dialect.PostgresDialect;
import org.alchemiststack.dialect.SqliteDialect;
import org.alchemiststack.model.Sensitive;
import org.alchemiststack.model.ValueCodec;
import org.junit.jupiter.api.Test;

/**
 * Which columns a generated mapper may read with the plain JDBC getter: exactly those whose codec is the shared
 * plain codec of the field's type, on every built-in dialect; a dialect's own codec, an enum's or a
 * {@code @Sensitive} wrapper keeps its codec.
 */
class PlainCodecsTest {
    enum Mood { UP, DOWN }

    @Entity
    static class Wide {
        @Id
        long id;
        int i;
        Integer boxedInt;
        short s;
        Short boxedShort;
        Long boxedLong;
        float f;
        Float boxedFloat;
        double d;
        Double boxedDouble;
        boolean b;
        Boolean boxedBoolean;
        String text;
        BigDecimal amount;
        byte tiny;
        UUID uuid;
        Instant at;
        Mood mood;
        @Enumerated(EnumType.STRING)
        Mood named;
        @Sensitive
        String secret;
        @Sensitive
        int secretNumber;
    }

    private static final int FIRST_NOT_PLAIN = 14; // tiny

    private static ValueCodec[] codecs(Dialect d) {
        ModelMeta<Wide> meta = new ModelScanner(d, false).scan(Wide.class, 0);
        return PlainCodecs.forReading(meta.columns);
    }

    @Test
    void theTypedGetterTypesArePlainOnH2PostgresAndMariaDb() {
        for (Dialect d : new Dialect[] {new H2Dialect(), new PostgresDialect(), new MariaDbDialect()}) {
            ValueCodec[] c = codecs(d);
            for (int i = 0; i < FIRST_NOT_PLAIN; i++) {
                assertThat(c[i]).as(d.name() + " column " + i).isNull();
            }
            for (int i = FIRST_NOT_PLAIN; i < c.length; i++) {
                assertThat(c[i]).as(d.name() + " column " + i).isNotNull();
            }
        }
    }

    @Test
    void sqliteKeepsItsTextDecimalCodec() {
        ModelMeta<Wide> meta = new ModelScanner(new SqliteDialect(), false).scan(Wide.class, 0);
        ValueCodec[] c = PlainCodecs.forReading(meta.columns);
        int amount = meta.column("amount").index;
        assertThat(c[amount]).isSameAs(meta.columns[amount].codec);
        assertThat(c[meta.column("i").index]).isNull();
        assertThat(c[meta.column("text").index]).isNull();
    }

    @Test
    void aCodecOtherThanTheSharedOneIsKept() {
        ModelMeta<Wide> meta = new ModelScanner(new H2Dialect(), false).scan(Wide.class, 0);
        ValueCodec[] c = PlainCodecs.forReading(meta.columns);
        for (String field : new String[] {"tiny", "uuid", "at", "mood", "named", "secret", "secretNumber"}) {
            ColumnMeta col = meta.column(field);
            assertThat(c[col.index]).as(field).isSameAs(col.codec);
        }
    }
}
