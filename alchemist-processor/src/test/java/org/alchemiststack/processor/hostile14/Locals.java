package org.alchemiststack.processor.hostile14;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Models whose field names are the generated code's local and parameter names. */
public final class Locals {
    private Locals() {
    }

    /** A nested class model. */
    @Entity
    @Table(name = "h14_locals")
    public static class Cls {
        @Id
        long rs;
        String codecs;
        int v;
        Integer o;
        long x;
        Boolean b;
        String f0;
        int index;
        String value;
    }

    /** A nested record model. */
    @Entity
    @Table(name = "h14_locals_rec")
    public record Rec(@Id long o, int v, String rs, Integer x, Boolean b, long f0, String f1, String codecs,
            int index) {
    }
}
