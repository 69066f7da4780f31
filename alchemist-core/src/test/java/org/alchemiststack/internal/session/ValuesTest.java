package org.alchemiststack.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.UUID;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.InvalidValueException;
import org.alchemiststack.contract.models.AllTypes;
import org.alchemiststack.dialect.H2Dialect;
import org.alchemiststack.internal.model.ColumnMeta;
import org.alchemiststack.internal.model.ModelMeta;
import org.alchemiststack.internal.model.ModelScanner;
import org.junit.jupiter.api.Test;

/** Value comparison, coercion of values given from outside, checks before sending, snapshots and versions. */
class ValuesTest {
    private static final ModelScanner SCANNER = new ModelScanner(new H2Dialect());
    private static final ModelMeta<AllTypes> ALL = SCANNER.scan(AllTypes.class, 0);
    private static final ModelMeta<Ledger> LEDGER = SCANNER.scan(Ledger.class, 1);
    private static final ModelMeta<Stamp> STAMP = SCANNER.scan(Stamp.class, 2);
    private static final ModelMeta<Tag> TAG = SCANNER.scan(Tag.class, 3);

    private static ColumnMeta col(String field) {
        return ALL.column(field);
    }

    private static Object coerce(String field, Object v) {
        return Values.coerce(ALL, col(field), v);
    }

    @Test
    void changedComparesDecimalsByValueBytesByContentAndOthersByEquals() {
        assertThat(Values.changed(col("amount"), new BigDecimal("1.0"), new BigDecimal("1.00"))).isFalse();
        assertThat(Values.changed(col("amount"), new BigDecimal("1.01"), new BigDecimal("1.00"))).isTrue();
        assertThat(Values.changed(col("bytes"), new byte[] {1}, new byte[] {1})).isFalse();
        assertThat(Values.changed(col("bytes"), new byte[] {1}, new byte[] {2})).isTrue();
        assertThat(Values.changed(col("text"), new String("a".toCharArray()), "a")).isFalse();
        assertThat(Values.changed(col("text"), "a", "b")).isTrue();
        assertThat(Values.changed(col("text"), null, null)).isFalse();
        assertThat(Values.changed(col("text"), null, "a")).isTrue();
        assertThat(Values.changed(col("text"), "a", null)).isTrue();
    }

    @Test
    void integralNumbersAreCoercedToTheColumnsTypeWhenTheyFit() {
        assertThat(coerce("big", 5)).isEqualTo(5L);
        assertThat(coerce("number", 5L)).isEqualTo(5);
        assertThat(coerce("boxedNumber", (short) 5)).isEqualTo(5);
        assertThat(coerce("small", 300L)).isEqualTo((short) 300);
        assertThat(coerce("tiny", 7)).isEqualTo((byte) 7);
        assertThat(coerce("tiny", (byte) 7)).isEqualTo((byte) 7);
        assertThat(coerce("amount", 12L)).isEqualTo(BigDecimal.valueOf(12));
        assertThat(coerce("dbl", 3)).isEqualTo(3.0d);
        assertThat(coerce("dbl", 2.5f)).isEqualTo(2.5d);
        assertThat(coerce("text", null)).isNull();
        UUID u = UUID.randomUUID();
        assertThat(coerce("ref", u)).isSameAs(u);
    }

    @Test
    void numbersThatDoNotFitOrHaveTheWrongTypeAreRefusedNamingTheField() {
        assertThatThrownBy(() -> coerce("number", 1L << 40)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("AllTypes.number is a int, but got a Long that does not fit")
                .hasMessageContaining("Pass a Integer.");
        assertThatThrownBy(() -> coerce("small", 70_000)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> coerce("tiny", 300)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> coerce("number", 1.5d)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> coerce("flag", 1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Pass a Boolean.");
        assertThatThrownBy(() -> coerce("text", 1)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> coerce("ref", "x")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("got a String.").hasMessageNotContaining("does not fit");
        assertThatThrownBy(() -> coerce("single", 1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Pass a Float.");
    }

    @Test
    void primitiveTypesAreBoxed() {
        assertThat(Values.box(int.class)).isEqualTo(Integer.class);
        assertThat(Values.box(long.class)).isEqualTo(Long.class);
        assertThat(Values.box(boolean.class)).isEqualTo(Boolean.class);
        assertThat(Values.box(double.class)).isEqualTo(Double.class);
        assertThat(Values.box(float.class)).isEqualTo(Float.class);
        assertThat(Values.box(short.class)).isEqualTo(Short.class);
        assertThat(Values.box(byte.class)).isEqualTo(Byte.class);
        assertThat(Values.box(char.class)).isEqualTo(Character.class);
        assertThat(Values.box(String.class)).isEqualTo(String.class);
    }

    @Test
    void checkRefusesNullForANotNullColumnUnlessItIsAGeneratedId() {
        assertThatThrownBy(() -> Values.check(LEDGER, LEDGER.column("code"), null, false))
                .isInstanceOfSatisfying(ConstraintViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConstraintViolationException.Kind.NOT_NULL))
                .hasMessageContaining("Ledger.code is null");
        Values.check(LEDGER, LEDGER.column("note"), null, false);
        assertThatThrownBy(() -> Values.check(LEDGER, LEDGER.id, null, false))
                .isInstanceOf(ConstraintViolationException.class);
        Values.check(LEDGER, LEDGER.id, null, true);
        assertThatThrownBy(() -> Values.check(LEDGER, LEDGER.column("code"), null, true))
                .isInstanceOf(ConstraintViolationException.class);
    }

    @Test
    void checkCountsCharactersNotUtf16Units() {
        ColumnMeta code = LEDGER.column("code");
        assertThat(code.length).isEqualTo(40);
        Values.check(LEDGER, code, "x".repeat(40), false);
        Values.check(LEDGER, code, "\uD83D\uDE00".repeat(40), false);
        assertThatThrownBy(() -> Values.check(LEDGER, code, "x".repeat(41), false))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("has 41 characters")
                .hasMessageContaining("holds at most 40");
        assertThatThrownBy(() -> Values.check(LEDGER, code, "\uD83D\uDE00".repeat(41), false))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("has 41 characters");
        Values.check(LEDGER, LEDGER.column("amount"), new BigDecimal("1.00"), false);
    }

    @Test
    void aSnapshotCopiesByteArraysOnlyForModelsThatHaveThem() {
        Object[] ledgerRow = new Object[LEDGER.columns.length];
        byte[] payload = {1, 2};
        ledgerRow[LEDGER.column("payload").index] = payload;
        Object[] snap = Values.snapshot(LEDGER, ledgerRow);
        assertThat(snap).isNotSameAs(ledgerRow);
        assertThat((byte[]) snap[LEDGER.column("payload").index]).isNotSameAs(payload).containsExactly(1, 2);
        Object[] nullBytes = Values.snapshot(LEDGER, new Object[LEDGER.columns.length]);
        assertThat(nullBytes[LEDGER.column("payload").index]).isNull();
        Object[] tagRow = new Object[TAG.columns.length];
        assertThat(Values.snapshot(TAG, tagRow)).isSameAs(tagRow);
    }

    @Test
    void versionsStartAtZeroAndCountUpInTheColumnsType() {
        assertThat(Values.nextVersion(LEDGER.version, null)).isEqualTo(0L);
        assertThat(Values.nextVersion(LEDGER.version, 4L)).isEqualTo(5L);
        assertThat(Values.nextVersion(STAMP.version, null)).isEqualTo(0);
        assertThat(Values.nextVersion(STAMP.version, 4)).isEqualTo(5);
    }
}
