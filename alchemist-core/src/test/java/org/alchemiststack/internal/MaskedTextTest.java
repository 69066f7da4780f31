package org.alchemiststack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.alchemiststack.Context;
import org.alchemiststack.UnsupportedDialectException;
import org.alchemiststack.contract.models.Person;
import org.junit.jupiter.api.Test;

/** No secret of a URL survives masking, whatever its form; the rest of the URL stays readable. */
class MaskedTextTest {

    static final List<String> FORMS = List.of(
            "jdbc:postgresql://db:5432/app?user=u&password=%s&ssl=true",
            "jdbc:postgresql://db:5432/app?sslpassword=%s",
            "jdbc:postgresql://db/app?ssl=true&%s=%s",
            "jdbc:mariadb://db:3306/app?password1=%s&password2=%s",
            "jdbc:mysql://address=(host=db)(port=3306)(password=%s)/app",
            "jdbc:mysql://(host=db,port=3306,password=%s,user=u)/app",
            "jdbc:mysql://[(host=db,%s=%s)]/app",
            "jdbc:postgresql://u:%s@db:5432/app",
            "jdbc:mariadb://u:%s@db1,db2/app?ssl=true",
            "jdbc:oracle:thin:scott/%s@db:1521/app",
            "jdbc:h2:tcp://db/~/app;USER=sa;PASSWORD=%s;MODE=MySQL",
            "jdbc:h2:file:/data/app;CIPHER=AES;%s=%s",
            "jdbc:sqlite:/data/app.db?%s=%s&journal_mode=WAL");

    @Provide
    Arbitrary<String> secretNames() {
        Arbitrary<String> word = Arbitraries.of("password", "PASSWORD", "Secret", "token", "key", "apiKey",
                "sslkey", "trustStorePassword", "access_token", "client-secret", "pwd");
        Arbitrary<String> prefix = Arbitraries.strings().withChars("abcXYZ_").ofMaxLength(4);
        return Combinators.combine(prefix, word).as((p, w) -> p + w);
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars("!*-._~%+$^|{}[]@/:=?").ofMinLength(6).ofMaxLength(24).map(s -> "Sx" + s);
    }

    @Property(tries = 400)
    void noFormOfUrlShowsItsSecret(@ForAll("secretNames") String name, @ForAll("secrets") String secret,
            @ForAll("forms") String form) {
        String url = form.contains("%s=%s") ? form.replace("%s=%s", name + "=" + secret) : form.replace("%s", secret);
        String masked = MaskedText.maskUrl(url);
        assertThat(masked).as(url).doesNotContain(secret.substring(2)).contains("****");
        assertThat(Context.builder().url(url).models(Person.class).toString()).doesNotContain(secret.substring(2));
        assertThat(MaskedText.secretsOf(url)).as(url).anyMatch(s -> s.contains(secret));
    }

    @Provide
    Arbitrary<String> forms() {
        return Arbitraries.of(FORMS);
    }

    @Test
    void theRestOfTheUrlStaysReadable() {
        assertThat(MaskedText.maskUrl("jdbc:postgresql://db:5432/app?user=u&password=x1y2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=u&password=****&ssl=true");
        assertThat(MaskedText.maskUrl("jdbc:mysql://address=(host=db)(password=x1y2)(port=1)/app"))
                .isEqualTo("jdbc:mysql://address=(host=db)(password=****)(port=1)/app");
        assertThat(MaskedText.maskUrl("jdbc:h2:mem:x;MODE=MySQL;DB_CLOSE_DELAY=-1"))
                .isEqualTo("jdbc:h2:mem:x;MODE=MySQL;DB_CLOSE_DELAY=-1");
        assertThat(MaskedText.maskUrl(null)).isNull();
    }

    @Test
    void aFailureChainThatShowsASecretIsReplacedByAMaskedCopy() {
        SQLException original = new SQLException("cannot reach u:Sxhunter@db", "08001", 7,
                new ConnectException("refused: Sxhunter"));
        Throwable scrubbed = MaskedText.scrub(original, Set.of("Sxhunter"));
        assertThat(scrubbed).isInstanceOf(MaskedFailure.class).hasMessageNotContaining("Sxhunter")
                .hasMessageContaining(SQLException.class.getName()).hasRootCauseMessage(
                        ConnectException.class.getName() + ": refused: ****");
        assertThat(((SQLException) scrubbed).getSQLState()).isEqualTo("08001");
        assertThat(((SQLException) scrubbed).getErrorCode()).isEqualTo(7);
        assertThat(scrubbed.getStackTrace()).isEqualTo(original.getStackTrace());
        SQLException clean = new SQLException("refused");
        assertThat(MaskedText.scrub(clean, Set.of("Sxhunter"))).isSameAs(clean);
        assertThat(MaskedText.scrub(original, Set.of())).isSameAs(original);
    }

    @Test
    void shortValuesAreNotHuntedForInForeignMessages() {
        assertThat(MaskedText.secretsOf("jdbc:x://h/db?password=abc&token=abcd")).containsExactly("abcd");
        assertThat(MaskedText.isSecretName("sslPassword")).isTrue();
        assertThat(MaskedText.isSecretName("ssl")).isFalse();
    }

    @Test
    void aDataSourcesProductNameChoosesTheDialect() {
        assertThat(DialectDetection.forProduct("H2", "2.5.252").name()).isEqualTo("h2");
        assertThat(DialectDetection.forProduct("PostgreSQL", "15.4").name()).isEqualTo("postgresql");
        assertThat(DialectDetection.forProduct("MariaDB", "10.11.6-MariaDB").name()).isEqualTo("mariadb");
        assertThat(DialectDetection.forProduct("MySQL", "5.5.5-10.11.6-MariaDB").name()).isEqualTo("mariadb");
        assertThat(DialectDetection.forProduct("MySQL", "8.0.36").name()).isEqualTo("mysql");
        assertThat(DialectDetection.forProduct("SQLite", "3.45").name()).isEqualTo("sqlite");
        assertThatThrownBy(() -> DialectDetection.forProduct("Oracle", "19c"))
                .isInstanceOf(UnsupportedDialectException.class).hasMessageContaining("'Oracle'")
                .hasMessageContaining(".dialect(..)");
        assertThatThrownBy(() -> DialectDetection.forProduct(null, null))
                .isInstanceOf(UnsupportedDialectException.class).hasMessageContaining("'null'");
    }
}
