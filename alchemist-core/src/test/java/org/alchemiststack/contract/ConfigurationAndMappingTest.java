package org.alchemiststack.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.alchemiststack.Context;
import org.alchemiststack.MappingException;
import org.alchemiststack.contract.models.Person;
import org.alchemiststack.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Settings are checked at build() and named when wrong; passwords never show; unmappable models fail loudly. */
class ConfigurationAndMappingTest {

    static final String SECRET = "hunter2-Secret!";

    static Context.Builder h2() {
        return Context.builder().url("jdbc:h2:mem:config_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                .models(Person.class);
    }

    static List<Arguments> invalidSettings() {
        return List.of(
                Arguments.of("maxPoolSize", (UnaryOperator<Context.Builder>) b -> b.maxPoolSize(0)),
                Arguments.of("minIdle", (UnaryOperator<Context.Builder>) b -> b.maxPoolSize(2).minIdle(3)),
                Arguments.of("connectionTimeout",
                        (UnaryOperator<Context.Builder>) b -> b.connectionTimeout(Duration.ofMillis(10))),
                Arguments.of("maxAttempts", (UnaryOperator<Context.Builder>) b -> b.maxAttempts(0)),
                Arguments.of("retryBackoff", (UnaryOperator<Context.Builder>) b -> b.retryBackoff(
                        Duration.ofSeconds(2), Duration.ofSeconds(1))),
                Arguments.of("sessionHoldWarning",
                        (UnaryOperator<Context.Builder>) b -> b.sessionHoldWarning(Duration.ofMillis(5))),
                Arguments.of("port", (UnaryOperator<Context.Builder>) b -> b.port(70_000)),
                Arguments.of("models", (UnaryOperator<Context.Builder>) b -> Context.builder()
                        .url("jdbc:h2:mem:nomodels")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void anInvalidSettingFailsAtBuildNamingTheSetting(String setting, UnaryOperator<Context.Builder> breakIt) {
        assertThatThrownBy(() -> breakIt.apply(h2()).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(setting);
    }

    @Test
    void noDescriptionOfABuilderOrContextShowsThePassword() {
        Context.Builder builder = h2().user("sa").password(SECRET);
        assertThat(builder.toString()).doesNotContain(SECRET).contains("****");
        try (Context ctx = builder.build()) {
            assertThat(ctx.toString()).doesNotContain(SECRET).contains("h2");
            assertThat(ctx.stats().toString()).doesNotContain(SECRET);
        }
        Context.Builder inUrl = Context.builder()
                .url("jdbc:postgresql://db:5432/app?user=app&password=" + SECRET + "&ssl=true").models(Person.class);
        assertThat(inUrl.toString()).doesNotContain(SECRET);
        Context.Builder h2Url = Context.builder().url("jdbc:h2:mem:x;USER=sa;PASSWORD=" + SECRET);
        assertThat(h2Url.toString()).doesNotContain(SECRET);
    }

    @Test
    void aContextOnAServerDescribesItselfWithoutThePassword() {
        TestDb db = TestDb.POSTGRESQL;
        try (Context ctx = db.builder(Person.class).password(SECRET + db.password()).leakDetection(false)
                .connectionTimeout(Duration.ofSeconds(2)).build()) {
            assertThat(ctx.toString()).doesNotContain(SECRET);
        } catch (org.alchemiststack.ConnectionException e) {
            assertThat(e.getMessage()).as("a refused password is not echoed").doesNotContain(SECRET);
        }
    }

    // ---- mapping ----

    @Entity
    @Table(name = "c_parent")
    static class WithRelation {
        @Id
        Long id;
        @OneToMany
        List<Person> children;
    }

    @Entity
    static class WithUnmappedType {
        @Id
        Long id;
        java.util.Date when;
    }

    @Entity
    static class WithoutId {
        Long id;
        String name;
    }

    static class NotAModel {
        @Id
        Long id;
    }

    @Table(name = "c_bad_generated")
    record StringIdentity(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) String id) {
    }

    @Entity
    static class FinalField {
        @Id
        Long id;
        final String name = "x";
    }

    static MappingException mappingFailure(Class<?> model) {
        try {
            h2().models(model).build().close();
        } catch (MappingException e) {
            return e;
        }
        throw new AssertionError("no MappingException for " + model.getName());
    }

    @Test
    void aOneToManyWithoutMappedByFailsNamingTheClassTheFieldAndWhatToDo() {
        assertThat(mappingFailure(WithRelation.class)).hasMessageContaining(WithRelation.class.getName())
                .hasMessageContaining("children").hasMessageContaining("@OneToMany")
                .hasMessageContaining("mappedBy").hasMessageContaining("Join tables are not supported");
    }

    @Test
    void aFieldOfAnUnmappedTypeFailsNamingTheClassTheFieldAndTheType() {
        assertThat(mappingFailure(WithUnmappedType.class)).hasMessageContaining(WithUnmappedType.class.getName())
                .hasMessageContaining("when").hasMessageContaining("java.util.Date")
                .hasMessageContaining("@Transient");
    }

    @Test
    void aModelWithoutIdFailsNamingTheClass() {
        assertThat(mappingFailure(WithoutId.class)).hasMessageContaining(WithoutId.class.getName())
                .hasMessageContaining("@Id");
    }

    @Test
    void aClassWithoutEntityOrTableIsNotAModel() {
        assertThat(mappingFailure(NotAModel.class)).hasMessageContaining(NotAModel.class.getName())
                .hasMessageContaining("@jakarta.persistence.Entity");
    }

    @Test
    void identityGenerationOnAStringIdFailsNamingTheField() {
        assertThat(mappingFailure(StringIdentity.class)).hasMessageContaining(StringIdentity.class.getName() + ".id")
                .hasMessageContaining("IDENTITY");
    }

    @Test
    void aFinalFieldInAClassFailsNamingTheField() {
        assertThat(mappingFailure(FinalField.class)).hasMessageContaining(FinalField.class.getName() + ".name")
                .hasMessageContaining("final");
    }
}
