package org.alchemiststack.processor.models;

/** Colors for enum columns. */
public enum Color {
    RED, GREEN, BLUE
}
