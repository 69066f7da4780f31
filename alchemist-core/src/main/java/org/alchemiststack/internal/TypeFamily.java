package org.alchemiststack.internal;

import java.util.Locale;

/** Groups SQL type names into families, so that validate() accepts a database's own spelling of a type. */
final class TypeFamily {
    private TypeFamily() {
    }

    static String of(String typeName) {
        String t = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT);
        if (t.contains("BOOL") || t.equals("BIT")) {
            return "BOOLEAN";
        }
        if (t.contains("TIMESTAMPTZ") || t.contains("TIME ZONE")) {
            return "TIMESTAMPTZ";
        }
        if (t.contains("TIMESTAMP") || t.contains("DATETIME")) {
            return "TIMESTAMP";
        }
        if (t.contains("DATE")) {
            return "DATE";
        }
        if (t.contains("TIME")) {
            return "TIME";
        }
        if (t.contains("UUID")) {
            return "UUID";
        }
        if (t.contains("BLOB") || t.contains("BINARY") || t.contains("BYTEA")) {
            return "BINARY";
        }
        if (t.contains("CHAR") || t.contains("TEXT") || t.contains("CLOB")) {
            return "STRING";
        }
        if (t.contains("INT") || t.contains("SERIAL")) {
            return "INTEGER";
        }
        if (t.contains("DEC") || t.contains("NUMERIC")) {
            return "DECIMAL";
        }
        if (t.contains("REAL") || t.contains("FLOAT") || t.contains("DOUBLE")) {
            return "FLOAT";
        }
        return t;
    }

    static boolean compatible(String want, String have) {
        if (want.equals(have)) {
            return true;
        }
        return want.equals("BOOLEAN") && have.equals("INTEGER");
    }
}
