package org.alchemiststack.processor.models;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Holds a nested model. */
public final class Outer {
    private Outer() {
    }

    /** A static nested model: its mapper is Outer$Inner_AlchemistModel. */
    @Entity
    @Table(name = "p_inner")
    public static class Inner {
        @Id
        public long id;
        public String name;
    }
}
