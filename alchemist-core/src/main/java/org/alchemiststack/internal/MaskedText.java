package org.alchemiststack.internal;

import java.util.regex.Pattern;

/** Keeps secrets and untrusted text out of messages and logs. */
public final class MaskedText {
    private static final Pattern URL_SECRET =
            Pattern.compile("(?i)([?&;:/](?:password|pwd|pass|secret)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private MaskedText() {
    }

    /** A URL with password parameters and user-info passwords replaced by {@code ****}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = URL_SECRET.matcher(url).replaceAll("$1****");
        return USER_INFO.matcher(masked).replaceAll("$1****@");
    }

    /** Untrusted text shortened and stripped of control characters. */
    public static String printable(String s) {
        return org.alchemiststack.internal.model.ModelMeta.printable(s);
    }
}
