package org.alchemiststack.internal.model;

import java.util.Locale;

/** Default names: snake_case of class and field names. */
public final class Naming {
    private Naming() {
    }

    /** {@code AccountHolder} becomes {@code account_holder}, {@code createdAt} becomes {@code created_at}. */
    public static String snakeCase(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean prevLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1));
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (i > 0 && (prevLower || nextLower) && name.charAt(i - 1) != '_') {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A key for matching column labels to fields loosely: lower case, no underscores. */
    public static String looseKey(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
