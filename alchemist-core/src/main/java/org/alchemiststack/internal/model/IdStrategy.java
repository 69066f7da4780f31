package org.alchemiststack.internal.model;

/** How a model's id is produced. */
public enum IdStrategy {
    /** The application sets the id before the insert. */
    ASSIGNED,
    /** The database generates it ({@code GenerationType.IDENTITY}). */
    IDENTITY,
    /** The library generates a random UUID at insert when the id is null ({@code GenerationType.UUID}). */
    UUID
}
