package org.alchemiststack.contract.models;

/** An enum stored by name and by ordinal. */
public enum Color {
    RED, GREEN, BLUE
}
