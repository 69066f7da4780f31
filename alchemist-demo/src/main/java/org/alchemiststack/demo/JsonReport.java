package org.alchemiststack.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The results of a run as one JSON document, for scripts and CI ({@code --json}):
 * <pre>
 * {"database": {"product", "version", "url"}, "machine": {"cpus", "os", "arch", "java"},
 *  "settings": {"threads", "seconds", "accounts", "poolSize", "readPercent", "modes": [..]},
 *  "modes": [{"mode", "poolSize", "seconds", "units", "unitsPerSecond", "retries", "declined", "gaveUp",
 *             "invariantOk", "failure", "work": {"read-balance": {"count", "perSecond", "p50Millis", "p99Millis"},
 *             ..}}],
 *  "verdict": {"ratio", "text"}, "ok",
 *  "slowest": [{"sql", "millis", "nanos", "rows", "model"}]}
 * </pre>
 * The URL is shown as in the header, without parameters or user information; {@code ratio} is {@code null} when one
 * mode ran, {@code failure} when the mode did not fail. {@code slowest} holds the
 * slowest statements of the load, slowest first ({@code rows} is -1 when not known).
 *
 * <p>Thread-safe: it keeps no state.
 */
final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {
    }

    /** The document of a run that failed before it had results: {@code {"ok":false,"failure":"..."}}. */
    static String failure(String message) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("ok", false).put("failure", message);
        return root.toString();
    }

    static String of(Options o, String[] database, List<ModeResult> results, Verdict verdict, boolean ok,
            List<SlowestStatements.Entry> slowest) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("database").put("product", database[0]).put("version", database[1])
                .put("url", BankDemo.displayUrl(o.url()));
        root.putObject("machine").put("cpus", Runtime.getRuntime().availableProcessors())
                .put("os", System.getProperty("os.name")).put("arch", System.getProperty("os.arch"))
                .put("java", System.getProperty("java.version"));
        ObjectNode settings = root.putObject("settings").put("threads", o.threads()).put("seconds", o.seconds())
                .put("accounts", o.accounts()).put("poolSize", o.poolSize()).put("readPercent", o.readPercent());
        ArrayNode modes = settings.putArray("modes");
        o.modes().forEach(m -> modes.add(m.label()));
        ArrayNode rows = root.putArray("modes");
        for (ModeResult r : results) {
            ObjectNode row = rows.addObject().put("mode", r.mode().label()).put("poolSize", r.poolSize())
                    .put("seconds", r.seconds()).put("units", r.units()).put("unitsPerSecond", r.perSecond())
                    .put("retries", r.retries()).put("declined", r.declined()).put("gaveUp", r.gaveUp())
                    .put("invariantOk", r.check().ok())
                    .put("failure", r.failure() == null ? null : String.valueOf(r.failure().getMessage()));
            ObjectNode work = row.putObject("work");
            for (WorkKind k : WorkKind.values()) {
                ModeResult.KindResult kr = r.kind(k);
                work.putObject(k.label()).put("count", kr.count()).put("perSecond", kr.perSecond())
                        .put("p50Millis", kr.p50Millis()).put("p99Millis", kr.p99Millis());
            }
        }
        ObjectNode v = root.putObject("verdict");
        if (Double.isNaN(verdict.ratio())) {
            v.putNull("ratio");
        } else {
            v.put("ratio", verdict.ratio());
        }
        v.put("text", verdict.text());
        root.put("ok", ok);
        ArrayNode slow = root.putArray("slowest");
        for (SlowestStatements.Entry e : slowest) {
            slow.addObject().put("sql", e.sql()).put("millis", e.millis()).put("nanos", e.nanos())
                    .put("rows", e.rows()).put("model", e.model());
        }
        return root.toString();
    }
}
