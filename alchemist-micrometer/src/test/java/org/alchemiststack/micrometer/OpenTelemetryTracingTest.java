package org.alchemiststack.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.alchemiststack.ConstraintViolationException;
import org.alchemiststack.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The claim of the docs, checked end to end: with Micrometer Tracing's OpenTelemetry bridge as the observation
 * registry's handler, the observations of {@link AlchemistObservations} are exported as OpenTelemetry spans nested
 * under the application's own spans. {@link #openTelemetry} and {@link #tracedObservations} are the code of
 * {@code docs/snippets-tracing.md}, line for line.
 */
class OpenTelemetryTracingTest {
    private static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    private static final AttributeKey<String> KIND = AttributeKey.stringKey("alchemist.kind");
    private static final AttributeKey<String> MODEL = AttributeKey.stringKey("alchemist.model");
    private static final AttributeKey<String> ROWS = AttributeKey.stringKey("alchemist.rows");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("alchemist.outcome");
    private static final AttributeKey<String> READ_ONLY = AttributeKey.stringKey("alchemist.read_only");
    private static final AttributeKey<String> STATEMENT_COUNT = AttributeKey.stringKey("alchemist.statement_count");

    // --- docs/snippets-tracing.md: begin ---
    static OpenTelemetrySdk openTelemetry(SpanExporter exporter) {
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        return OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    }

    static ObservationRegistry tracedObservations(OpenTelemetry openTelemetry) {
        OtelTracer tracer = new OtelTracer(openTelemetry.getTracer("org.alchemiststack"),
                new OtelCurrentTraceContext(), event -> { });
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
        return observations;
    }
    // --- docs/snippets-tracing.md: end ---

    /** The lines strictly between two marker lines, with the first line's indentation taken off each. */
    static List<String> between(List<String> lines, String begin, String end) {
        int from = lines.indexOf(begin);
        int to = lines.indexOf(end);
        assertThat(from).as("line %s", begin).isNotNegative();
        assertThat(to).as("line %s after line %s", end, begin).isGreaterThan(from);
        List<String> region = lines.subList(from + 1, to);
        int indent = region.get(0).length() - region.get(0).stripLeading().length();
        return region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    @Test
    void theSetUpInTheDocsIsTheCodeThisTestRuns() throws Exception {
        List<String> test = Files.readAllLines(
                Path.of("src/test/java/org/alchemiststack/micrometer/OpenTelemetryTracingTest.java"));
        List<String> doc = Files.readAllLines(Path.of("../docs/snippets-tracing.md"));
        List<String> code = between(test, "    // --- docs/snippets-tracing.md: begin ---",
                "    // --- docs/snippets-tracing.md: end ---");
        List<String> setUp = doc.subList(doc.indexOf("### Set-up"), doc.size());
        List<String> block = setUp.subList(setUp.indexOf("```java") + 1, setUp.indexOf("```"));
        List<String> snippet = block.subList(block.indexOf("") + 1, block.size());
        assertThat(snippet).as("docs/snippets-tracing.md, the Java block of Set-up after its imports")
                .containsExactlyElementsOf(code);
        List<String> imports = block.subList(0, block.indexOf(""));
        assertThat(test).as("the snippet's imports are the test's").containsAll(imports);
    }

    static List<SpanData> named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> name.equals(s.getName())).toList();
    }

    static SpanData only(List<SpanData> spans, String name) {
        List<SpanData> found = named(spans, name);
        assertThat(found).as("spans named %s among %s", name, spans.stream().map(SpanData::getName).toList())
                .hasSize(1);
        return found.get(0);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aTransactionInsideTheApplicationsSpanIsAChildSpanWithItsStatementsAsGrandchildren(Db which)
            throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk openTelemetry = openTelemetry(exporter); TestDatabase db = which.open();
                Context ctx = db.context(Gadget.class)) {
            ObservationRegistry observations = tracedObservations(openTelemetry);
            AlchemistObservations.bind(ctx, observations);
            Observation.createNotStarted("checkout", observations).observe(() -> {
                String checkout = Span.current().getSpanContext().getSpanId();
                ctx.useTransaction(s -> {
                    s.sql("insert into mm_gadget (id, code, qty) values (:id, :code, :qty)")
                            .bind("id", 1L).bind("code", "secret-code-1").bind("qty", 1).execute();
                    s.add(new Gadget(2L, "secret-code-2", 2));
                });
                assertThat(Span.current().getSpanContext().getSpanId()).as("the checkout span is current again")
                        .isEqualTo(checkout);
            });
            assertThat(Span.current().getSpanContext().isValid()).as("no span left current").isFalse();

            List<SpanData> spans = exporter.getFinishedSpanItems();
            assertThat(spans).hasSize(4);
            SpanData checkout = only(spans, "checkout");
            SpanData unit = only(spans, "alchemist transaction");
            SpanData sql = only(spans, "insert none");
            SpanData add = only(spans, "insert Gadget");

            assertThat(checkout.getParentSpanId()).isEqualTo(SpanId.getInvalid());
            assertThat(unit.getParentSpanId()).isEqualTo(checkout.getSpanId());
            assertThat(sql.getParentSpanId()).isEqualTo(unit.getSpanId());
            assertThat(add.getParentSpanId()).isEqualTo(unit.getSpanId());
            assertThat(spans).extracting(SpanData::getTraceId).containsOnly(checkout.getTraceId());

            assertThat(unit.getAttributes().get(OUTCOME)).isEqualTo("commit");
            assertThat(unit.getAttributes().get(READ_ONLY)).isEqualTo("false");
            assertThat(unit.getAttributes().get(STATEMENT_COUNT)).isEqualTo("2");
            assertThat(unit.getAttributes().get(DB_SYSTEM)).isEqualTo(ctx.dialect().name());
            assertThat(unit.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
            assertThat(unit.getEvents()).isEmpty();
            assertThat(checkout.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);

            assertThat(sql.getAttributes().get(DB_STATEMENT))
                    .isEqualTo("insert into mm_gadget (id, code, qty) values (?, ?, ?)");
            assertThat(sql.getAttributes().get(MODEL)).isEqualTo("none");
            assertThat(add.getAttributes().get(DB_STATEMENT)).startsWithIgnoringCase("insert into mm_gadget")
                    .contains("?").doesNotContain("secret-code-2");
            assertThat(add.getAttributes().get(MODEL)).isEqualTo("Gadget");
            assertThat(List.of(sql, add)).allSatisfy(st -> {
                assertThat(st.getAttributes().get(DB_STATEMENT)).doesNotContain("secret-code");
                assertThat(st.getAttributes().get(KIND)).isEqualTo("insert");
                assertThat(st.getAttributes().get(ROWS)).isEqualTo("1");
                assertThat(st.getAttributes().get(DB_SYSTEM)).isEqualTo(ctx.dialect().name());
                assertThat(st.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
                assertThat(st.getEvents()).isEmpty();
                assertThat(st.getStartEpochNanos()).isGreaterThanOrEqualTo(unit.getStartEpochNanos());
                assertThat(st.getEndEpochNanos()).isLessThanOrEqualTo(unit.getEndEpochNanos());
            });
            assertThat(add.getStartEpochNanos()).as("the entity is flushed at commit, after the SQL")
                    .isGreaterThanOrEqualTo(sql.getEndEpochNanos());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aFailedStatementIsAnErrorSpanAndItsRollbackCarriesTheErrorWhileReadOnlyWorkIsItsOwnTree(Db which)
            throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk openTelemetry = openTelemetry(exporter); TestDatabase db = which.open();
                Context ctx = db.context(Gadget.class)) {
            ctx.useTransaction(s -> s.add(new Gadget(1L, "taken", 1)));
            ObservationRegistry observations = tracedObservations(openTelemetry);
            try (ObservationBinding binding = AlchemistObservations.bind(ctx, observations)) {
                Observation.createNotStarted("checkout", observations).observe(() -> assertThatThrownBy(() ->
                        ctx.useTransaction(s -> {
                            s.add(new Gadget(2L, "taken", 2));
                            s.flush();
                        })).isInstanceOf(ConstraintViolationException.class));
                long count = ctx.readOnly(s -> s.sql("select count(*) from mm_gadget where qty > :min")
                        .bind("min", 0).one(Long.class));
                assertThat(count).isEqualTo(1L);
            }

            // PostgreSQL (not H2) begins read-only work on the primary with a statement of its own
            String readOnlySql = ctx.dialect().readOnlyTransactionSql();
            List<SpanData> spans = exporter.getFinishedSpanItems();
            assertThat(spans).hasSize(readOnlySql == null ? 5 : 6);
            SpanData checkout = only(spans, "checkout");
            SpanData rolledBack = only(spans, "alchemist transaction");
            SpanData failed = only(spans, "insert Gadget");
            SpanData read = only(spans, "alchemist read-only work");
            SpanData select = only(spans, "select none");

            assertThat(rolledBack.getParentSpanId()).isEqualTo(checkout.getSpanId());
            assertThat(failed.getParentSpanId()).isEqualTo(rolledBack.getSpanId());
            assertThat(List.of(checkout, rolledBack, failed)).extracting(SpanData::getTraceId)
                    .containsOnly(checkout.getTraceId());

            assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(failed.getEvents()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("exception");
                assertThat(e.getAttributes().get(AttributeKey.stringKey("exception.type")))
                        .isEqualTo(ConstraintViolationException.class.getName());
            });
            assertThat(failed.getAttributes().get(DB_STATEMENT)).contains("?").doesNotContain("taken");
            assertThat(rolledBack.getAttributes().get(OUTCOME)).isEqualTo("rollback");
            assertThat(rolledBack.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(rolledBack.getEvents()).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("exception");
                assertThat(e.getAttributes().get(AttributeKey.stringKey("exception.type")))
                        .isEqualTo(ConstraintViolationException.class.getName());
            });
            assertThat(checkout.getStatus().getStatusCode()).as("the test caught the exception inside checkout")
                    .isEqualTo(StatusCode.OK);

            // outside any application span: a new trace whose root is the read-only unit of work
            assertThat(read.getParentSpanId()).isEqualTo(SpanId.getInvalid());
            assertThat(read.getTraceId()).isNotEqualTo(checkout.getTraceId());
            assertThat(read.getAttributes().get(READ_ONLY)).isEqualTo("true");
            assertThat(read.getAttributes().get(OUTCOME)).isEqualTo("commit");
            assertThat(read.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
            List<SpanData> readChildren = spans.stream()
                    .filter(s -> s.getParentSpanId().equals(read.getSpanId())).toList();
            assertThat(readChildren).extracting(SpanData::getName).containsExactlyElementsOf(readOnlySql == null
                    ? List.of("select none") : List.of("other none", "select none"));
            assertThat(readChildren).extracting(SpanData::getTraceId).containsOnly(read.getTraceId());
            if (readOnlySql != null) {
                assertThat(readChildren.get(0).getAttributes().get(DB_STATEMENT)).isEqualTo(readOnlySql);
            }
            assertThat(select.getAttributes().get(DB_STATEMENT))
                    .isEqualTo("select count(*) from mm_gadget where qty > ?");
            assertThat(select.getAttributes().get(KIND)).isEqualTo("select");
        }
    }
}
