package org.alchemiststack;

import java.util.Set;
import org.alchemiststack.internal.MaskedText;

/**
 * The library's secret masking, for text an application prints next to it: a JDBC driver's message may quote the URL
 * it failed to parse, password and all. The same rules hide secrets in the library's own messages, logs and
 * {@code toString()}s.
 *
 * <p>Stateless and thread-safe.
 */
public final class Secrets {
    private Secrets() {
    }

    /**
     * Hides secrets in a text: every secret value the URL holds ({@code password=}, {@code user:secret@} and the
     * like), each of the given values, and anything else that looks like a secret.
     *
     * @param text the text, or {@code null}
     * @param url a JDBC URL whose secrets to look for, or {@code null}
     * @param values more secret values, such as a password given apart from the URL; {@code null} elements are
     *     skipped
     * @return the text with each secret replaced by {@code ****}, or {@code null} for {@code null}
     */
    public static String mask(String text, String url, String... values) {
        Set<String> secrets = MaskedText.secretsOf(url);
        for (String v : values) {
            MaskedText.addSecret(secrets, v);
        }
        return MaskedText.mask(text, secrets);
    }

    /**
     * Hides the secrets of a JDBC URL, for printing it.
     *
     * @param url the URL, or {@code null}
     * @return the URL with each secret replaced by {@code ****}, or {@code null} for {@code null}
     */
    public static String maskUrl(String url) {
        return MaskedText.maskUrl(url);
    }
}
