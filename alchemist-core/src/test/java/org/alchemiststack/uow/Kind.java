package org.alchemiststack.uow;

/** The two models of the model-based test, with what the reference model needs to know of each. */
enum Kind {
    ACCOUNT("mbt_account", "code", "balance", MbtAccount.class),
    TAG("mbt_tag", "label", "weight", MbtTag.class);

    final String table;
    final String codeField;
    final String amountField;
    final Class<?> type;

    Kind(String table, String codeField, String amountField, Class<?> type) {
        this.table = table;
        this.codeField = codeField;
        this.amountField = amountField;
        this.type = type;
    }

    /** A new detached instance holding the row's values (an account with a placeholder id gets a null id). */
    Object entity(Row r) {
        if (this == ACCOUNT) {
            return new MbtAccount(r.id() < 0 ? null : r.id(), r.code(), r.amount(), r.version());
        }
        return new MbtTag(r.id(), r.code(), r.amount(), r.version());
    }

    /** The values an entity object holds now; an account without an id gets {@code placeholderId}. */
    static Row rowOf(Object entity, long placeholderId) {
        if (entity instanceof MbtAccount a) {
            return new Row(ACCOUNT, a.id == null ? placeholderId : a.id, a.code, a.balance, a.version);
        }
        MbtTag t = (MbtTag) entity;
        return new Row(TAG, t.id(), t.label(), t.weight(), t.version());
    }
}
