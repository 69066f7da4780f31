package org.alchemiststack.uow;

/**
 * One row of either model as the reference model sees it: id, unique value ({@code code} or {@code label}), amount
 * ({@code balance} or {@code weight}) and version. A pending account insert has a negative placeholder id until its
 * flush tells the real one.
 */
record Row(Kind kind, long id, String code, int amount, long version) {

    Key key() {
        return new Key(kind, id);
    }

    Row withCode(String c) {
        return new Row(kind, id, c, amount, version);
    }

    Row withAmount(int a) {
        return new Row(kind, id, code, a, version);
    }

    Row withVersion(long v) {
        return new Row(kind, id, code, amount, v);
    }

    Row withId(long i) {
        return new Row(kind, i, code, amount, version);
    }

    @Override
    public String toString() {
        return (kind == Kind.ACCOUNT ? "Account" : "Tag") + "(id=" + id + ", " + kind.codeField + "=" + code + ", "
                + kind.amountField + "=" + amount + ", v" + version + ")";
    }

    /** A row's identity: model and id, ordered as the spec's "(table, id)" (mbt_account before mbt_tag). */
    record Key(Kind kind, long id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = kind.table.compareTo(o.kind.table);
            return c != 0 ? c : Long.compare(id, o.id);
        }

        @Override
        public String toString() {
            return (kind == Kind.ACCOUNT ? "Account#" : "Tag#") + id;
        }
    }
}
