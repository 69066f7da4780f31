package org.alchemiststack.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
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
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)" + NAME);
    /** {@code (password=x)} and {@code (host=h,password=x)}: the value ends at a comma or a closing parenthesis. */
    private static final Pattern IN_PARENTHESES =
            Pattern.compile("(?i)([(,]\\s*" + NAME + "\\s*=\\s*)('[^']*'?|\"[^\"]*\"?|[^,)]*)");
    /** {@code ?password=x}, {@code &api_token=x}, {@code ;PASSWORD=x}: the value ends at {@code &} or {@code ;}. */
    private static final Pattern PARAMETER =
            Pattern.compile("(?i)((?:^|[?&;:/\\s\\[])" + NAME + "\\s*=)(?!\\Q" + MASK + "\\E)([^&;]*)");
    /** {@code //user:password@host}: everything up to the last {@code @}, so that an unencoded @ leaks nothing. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?\\s]*:)(\\S*)@");
    /** {@code user/password@host}, as in Oracle-style URLs. */
    private static final Pattern SLASH_USER_INFO = Pattern.compile("(:[^:/@\\s]+/)(\\S+)@");
    /** Shorter values are not hunted for in foreign messages: replacing them would garble the text. */
    private static final int MIN_SECRET_LENGTH = 4;

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

    /** The secret values a URL holds, as {@link #maskSecrets} would hide them; long enough ones only. */
    public static Set<String> secretsOf(String url) {
        Set<String> secrets = new LinkedHashSet<>();
        if (url == null) {
            return secrets;
        }
        for (Pattern p : List.of(IN_PARENTHESES, PARAMETER, USER_INFO, SLASH_USER_INFO)) {
            Matcher m = p.matcher(url);
            while (m.find()) {
                addSecret(secrets, m.group(2));
            }
        }
        return secrets;
    }

    /** Whether a setting of this name holds a secret (password, secret, token, key, ...). */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** Adds a secret value (a password, say) when it is long enough to look for. */
    public static void addSecret(Set<String> secrets, String value) {
        if (value != null && value.length() >= MIN_SECRET_LENGTH && !value.equals(MASK)) {
            secrets.add(value);
        }
    }

    /** Text with each of the given secret values, and every secret {@link #maskSecrets} finds, hidden. */
    public static String mask(String text, Set<String> secrets) {
        String t = text;
        if (t != null) {
            for (String secret : secrets) {
                t = t.replace(secret, MASK);
            }
        }
        return maskSecrets(t);
    }

    /**
     * A failure whose messages, its causes' included, show none of the secrets: the failure itself when none does,
     * else a copy of the chain as {@link MaskedFailure}s with the same stack traces and SQL states.
     */
    public static Throwable scrub(Throwable failure, Set<String> secrets) {
        if (failure == null || secrets.isEmpty() || !shows(failure, secrets)) {
            return failure;
        }
        return new MaskedFailure(failure, mask(failure.getMessage(), secrets), scrub(failure.getCause(), secrets));
    }

    private static boolean shows(Throwable failure, Set<String> secrets) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (secrets.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    /** Untrusted text shortened and stripped of control characters. */
    public static String printable(String s) {
        return org.alchemiststack.internal.model.ModelMeta.printable(s);
    }
}
