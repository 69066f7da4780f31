package org.alchemiststack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BankDemoJsonTest {

    private static final JsonNodeType NUMBER = JsonNodeType.NUMBER;
    private static final JsonNodeType TEXT = JsonNodeType.STRING;
    private static final JsonNodeType BOOL = JsonNodeType.BOOLEAN;

    /** The expected fields of each object and their types: the schema of {@code --json}. */
    private static final Map<String, Map<String, JsonNodeType>> SCHEMA = Map.of(
            "", Map.of("database", JsonNodeType.OBJECT, "machine", JsonNodeType.OBJECT, "settings",
                    JsonNodeType.OBJECT, "modes", JsonNodeType.ARRAY, "verdict", JsonNodeType.OBJECT, "ok", BOOL,
                    "slowest", JsonNodeType.ARRAY),
            "database", Map.of("product", TEXT, "version", TEXT, "url", TEXT),
            "machine", Map.of("cpus", NUMBER, "os", TEXT, "arch", TEXT, "java", TEXT),
            "settings", Map.of("threads", NUMBER, "seconds", NUMBER, "accounts", NUMBER, "poolSize", NUMBER,
                    "readPercent", NUMBER, "modes", JsonNodeType.ARRAY),
            "mode", Map.ofEntries(Map.entry("mode", TEXT), Map.entry("poolSize", NUMBER),
                    Map.entry("seconds", NUMBER), Map.entry("units", NUMBER), Map.entry("unitsPerSecond", NUMBER),
                    Map.entry("retries", NUMBER), Map.entry("declined", NUMBER), Map.entry("gaveUp", NUMBER),
                    Map.entry("invariantOk", BOOL), Map.entry("failure", JsonNodeType.NULL),
                    Map.entry("work", JsonNodeType.OBJECT)),
            "kind", Map.of("count", NUMBER, "perSecond", NUMBER, "p50Millis", NUMBER, "p99Millis", NUMBER),
            "verdict", Map.of("ratio", NUMBER, "text", TEXT),
            "slowest", Map.of("sql", TEXT, "millis", NUMBER, "nanos", NUMBER, "rows", NUMBER, "model", TEXT));

    @Test
    void jsonPrintsOneDocumentWithTheExpectedFieldsAndTypes() throws Exception {
        String url = "jdbc:h2:mem:demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;password=SECRET9";
        DemoOutput run = DemoOutput.run("--url", url, "--seconds", "1", "--threads", "2", "--accounts", "20",
                "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        List<String> wrong = new ArrayList<>();
        check("", root, wrong);
        for (String part : List.of("database", "machine", "settings", "verdict")) {
            check(part, root.get(part), wrong);
        }
        assertThat(root.get("modes")).hasSize(2);
        for (JsonNode mode : root.get("modes")) {
            check("mode", mode, wrong);
            assertThat(mode.get("work").size()).isEqualTo(4);
            mode.get("work").forEach(k -> check("kind", k, wrong));
        }
        assertThat(root.get("slowest")).hasSize(DemoRun.SLOWEST);
        root.get("slowest").forEach(e -> check("slowest", e, wrong));
        assertThat(wrong).isEmpty();
        assertThat(root.get("modes").get(0).get("mode").asText()).isEqualTo("shared-connection");
        assertThat(root.get("modes").get(0).get("poolSize").asInt()).isEqualTo(1);
        assertThat(root.get("database").get("product").asText()).isEqualTo("H2");
        assertThat(run.out()).doesNotContain("SECRET9");
        assertThat(run.out().strip().lines()).hasSize(1);
    }

    private static void check(String name, JsonNode node, List<String> wrong) {
        Map<String, JsonNodeType> fields = SCHEMA.get(name);
        node.fieldNames().forEachRemaining(f -> {
            if (!fields.containsKey(f)) {
                wrong.add(name + "." + f + " is not expected");
            }
        });
        fields.forEach((f, type) -> {
            JsonNode v = node.get(f);
            if (v == null || v.getNodeType() != type) {
                wrong.add(name + "." + f + " should be " + type + ", is " + (v == null ? "absent" : v.getNodeType()));
            }
        });
    }
}
