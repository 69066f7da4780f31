package org.alchemiststack.demo;

/**
 * The kinds of unit of work the demo's workers run: three reads and one write, as an API of a bank would serve.
 *
 * <p>Enum constants are immutable and safe to share between threads.
 */
enum WorkKind {
    /** One account's balance, read by id. */
    READ_BALANCE("read-balance"),
    /** An account and a keyset page of its latest transfers with both accounts of each, as the statement shows. */
    READ_PAGE("read-page"),
    /** A small report in raw SQL: how many transfers an account took part in and how much money they moved. */
    REPORT("report"),
    /** A transfer between two accounts, both balances guarded by {@code @Version}. */
    TRANSFER("transfer");

    /** The read kinds, one of which a read unit of work picks at random. */
    static final WorkKind[] READS = {READ_BALANCE, READ_PAGE, REPORT};

    private final String label;

    WorkKind(String label) {
        this.label = label;
    }

    /**
     * Returns the name used in the output and the JSON.
     *
     * @return for example {@code read-page}
     */
    String label() {
        return label;
    }
}
