package org.alchemiststack.internal;

import java.util.regex.Pattern;

/**
 * Keeps secrets and untrusted text out of messages and logs. A secret is the value of any setting whose name contains
 * password, passwd, pwd, secret, token, key or credential (any case), wherever a JDBC URL or a driver message can hold
 * one: query strings ({@code ?a=b&c=d}), semicolon settings (H2's {@code ;PASSWORD=..}), MySQL's
 * {@code (password=..)} and {@code (host=..,password=..)} address forms, and the password of {@code user:password@host}
 * and {@code user/password@host}. Masking errs towards hiding too much: a value runs to the next {@code &} or
 * {@code ;} (in parentheses, to the next {@code ,} or {@code )}).
 */
public final class MaskedText {
    static final String MASK = "****";
    private static final String NAME = "[\\w.\\-]*(?:password|passwd|pwd|secret|token|key|credential)[\\w.\\-]*";
    /** {@code (password=x)} and {@code (host=h,password=x)}: the value ends at a comma or a closing parenthesis. */
    private static final Pattern IN_PARENTHESES =
            Pattern.compile("(?i)([(,]\\s*" + NAME + "\\s*=\\s*)('[^']*'?|\"[^\"]*\"?|[^,)]*)");
    /** {@code ?password=x}, {@code &api_token=x}, {@code ;PASSWORD=x}: the value ends at {@code &} or {@code ;}. */
    private static final Pattern PARAMETER =
            Pattern.compile("(?i)((?:^|[?&;:/\\s\\[])" + NAME + "\\s*=)(?!\\Q" + MASK + "\\E)[^&;]*");
    /** {@code //user:password@host}: everything up to the last {@code @}, so that an unencoded @ leaks nothing. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?\\s]*:)\\S*@");
    /** {@code user/password@host}, as in Oracle-style URLs. */
    private static final Pattern SLASH_USER_INFO = Pattern.compile("(:[^:/@\\s]+/)[^@\\s]+@");

    private MaskedText() {
    }

    /** A URL with every secret replaced by {@code ****}. */
    public static String maskUrl(String url) {
        return maskSecrets(url);
    }

    /** Any text (a URL, a driver's message) with every secret replaced by {@code ****}. */
    public static String maskSecrets(String text) {
        if (text == null) {
            return null;
        }
        String masked = IN_PARENTHESES.matcher(text).replaceAll("$1" + MASK);
        masked = PARAMETER.matcher(masked).replaceAll("$1" + MASK);
        masked = USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
        return SLASH_USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
    }

    /** Untrusted text shortened and stripped of control characters. */
    public static String printable(String s) {
        return org.alchemiststack.internal.model.ModelMeta.printable(s);
    }
}
