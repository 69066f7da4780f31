package org.alchemiststack.query;

import static org.alchemiststack.query.Condition.and;
import static org.alchemiststack.query.Condition.contains;
import static org.alchemiststack.query.Condition.endsWith;
import static org.alchemiststack.query.Condition.eq;
import static org.alchemiststack.query.Condition.isNull;
import static org.alchemiststack.query.Condition.not;
import static org.alchemiststack.query.Condition.or;
import static org.alchemiststack.query.Condition.startsWith;
import static org.alchemiststack.query.Order.asc;
import static org.alchemiststack.query.Order.desc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.alchemiststack.Context;
import org.alchemiststack.UnknownColumnException;
import org.alchemiststack.testkit.EachDatabase;
import org.alchemiststack.testkit.TestDb;

/**
 * Sort and filter keys taken from user input can never reach SQL text, and LIKE matches user text literally.
 * (Spring Data JPA CVE-2016-6652, Querydsl CVE-2024-49203 and Spring Security CVE-2019-3797 were these routes.)
 */
class QuerySecurityTest {
    private static final int KEYS = 10_000;
    private static final Set<String> FIELDS = Set.of("id", "name", "nickname", "age", "score");

    private static final String[] PAYLOADS = {
        ";drop table q_person", ";drop table x", "; DROP TABLE q_person; --", "'", "''", "\"", "\"\"", "`", "``",
        "--", "-- x", "/*", "*/", "/* c */", "#", ")", "(", ",", " ", "\t", "\n", "\r\n", "\0", "\\", "\\'",
        " OR 1=1", "' OR '1'='1", " asc", " desc", " nulls first", ", (select 1)", "(case when 1=1 then 1 end)",
        "pg_sleep(5)", ";select pg_sleep(5)", "||pg_sleep(5)", " and sleep(5)", "benchmark(1000000,md5(1))",
        "randomblob(1000000000)", "; ATTACH DATABASE '/tmp/x' AS x", "${jndi:ldap://x}", "%", "_", "!", ".", "*",
        "q_person.name", "\"name\"", "`name`", "[name]", "NAME", "Name", " name", "name ", "name\u200b",
        "n\u0430me", "\uff4e\uff41\uff4d\uff45", "nam\u0435", "\u202ename", "na\u00admeme", "\u0131d", "\ufeffid",
        "x".repeat(64), "name_" + "y".repeat(70), "\ud83d\udca5", "\ud800", "1", "-1", "0x41", "null", "true"
    };

    /** Keys made of field names, SQL and look-alikes, each different from every real field name. */
    static List<String> hostileKeys(int n, long seed) {
        Random r = new Random(seed);
        List<String> fields = List.copyOf(FIELDS);
        Set<String> out = new LinkedHashSet<>();
        for (String p : PAYLOADS) {
            out.add(p);
            out.add("name" + p);
        }
        while (out.size() < n) {
            StringBuilder sb = new StringBuilder();
            if (r.nextBoolean()) {
                sb.append(fields.get(r.nextInt(fields.size())));
            }
            int parts = 1 + r.nextInt(3);
            for (int i = 0; i < parts; i++) {
                sb.append(PAYLOADS[r.nextInt(PAYLOADS.length)]);
            }
            if (r.nextInt(4) == 0) {
                sb.append(fields.get(r.nextInt(fields.size())));
            }
            out.add(sb.toString());
        }
        out.removeAll(FIELDS);
        return new ArrayList<>(out).subList(0, Math.min(n, out.size()));
    }

    /** The message names the model, is short, and carries no line breaks, control or invisible format characters. */
    private static void checkMessage(Throwable t, String key) {
        assertThat(t).as("key %s", key).isInstanceOf(UnknownColumnException.class);
        String m = t.getMessage();
        assertThat(m).contains("Person").contains("Known fields");
        assertThat(m.length()).isLessThan(400);
        for (int i = 0; i < m.length(); i++) {
            char ch = m.charAt(i);
            int type = Character.getType(ch);
            assertThat(Character.isISOControl(ch) || type == Character.FORMAT || type == Character.SURROGATE
                    && !(Character.isHighSurrogate(ch) && i + 1 < m.length() && Character.isLowSurrogate(m.charAt(i + 1))
                    || Character.isLowSurrogate(ch) && i > 0 && Character.isHighSurrogate(m.charAt(i - 1)))
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR)
                    .as("character U+%04X in message for key %s", (int) ch, key).isFalse();
        }
    }

    @EachDatabase
    void tenThousandHostileSortAndFilterKeysAreAllRejected(TestDb db) {
        Context ctx = db.context(Person.class);
        People people = new People(ctx);
        people.createAll(Person.sample(20, 1));
        List<String> keys = hostileKeys(KEYS, 42);
        assertThat(keys).hasSize(KEYS);
        List<Function<String, Object>> uses = List.of(
            k -> people.query().orderBy(asc("id"), asc(k)).list(),
            k -> people.query().orderBy(desc(k)).cursoredPage(5),
            k -> people.query().where(eq(k, "x")).list(),
            k -> people.query().where(or(isNull("age"), not(startsWith(k, "a")))).count(),
            k -> people.query().where(and(eq("score", 1), contains(k, "%"))).exists(),
            k -> people.query().where(eq(k, 1)).delete(),
            k -> people.query().where(eq("id", 1)).update(Map.of(k, "x")),
            k -> people.updateById(1L, Map.of(k, 1)));
        int rejected = 0;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            Function<String, Object> use = uses.get(i % uses.size());
            checkMessage(catchThrowable(() -> use.apply(key)), key);
            rejected++;
        }
        assertThat(rejected).isEqualTo(KEYS);
        assertThat(people.count()).isEqualTo(20);
        long withNoScore = people.query().where(eq("score", -1)).count();
        assertThat(withNoScore).isZero();
        ctx.schema().validate();
    }

    @EachDatabase
    void likeMatchesPercentUnderscoreBackslashAndBangLiterally(TestDb db) {
        People people = new People(db.context(Person.class));
        List<String> names = List.of("100%", "100% sure", "1000", "a_b", "axb", "a\\b", "a\\\\b", "ab", "a!b", "a!!b",
                "!%", "%", "_", "\\", "!", "a%b_c\\d!e", "abc", "x'y", "x''y", "%_\\!", "[ab]", "a*b", "a?b");
        List<Person> rows = people.createAll(names.stream().map(n -> new Person(n, null, null, 0)).toList());
        List<String> needles = List.of("%", "_", "\\", "!", "!%", "\\%", "%_", "a_", "a%", "!!", "\\\\", "0%", "'",
                "[a", "*", "?", "", "%_\\!", "b_c\\d!", "a");
        List<String> failures = new ArrayList<>();
        for (String needle : needles) {
            check(failures, people, rows, startsWith("name", needle), s -> s.startsWith(needle));
            check(failures, people, rows, endsWith("name", needle), s -> s.endsWith(needle));
            check(failures, people, rows, contains("name", needle), s -> s.contains(needle));
        }
        assertThat(failures).isEmpty();
    }

    private static void check(List<String> failures, People people, List<Person> rows, Condition c,
            Predicate<String> java) {
        List<String> want = rows.stream().filter(p -> java.test(p.name)).map(p -> p.name).sorted().toList();
        List<String> got = people.query().where(c).list().stream().map(p -> p.name).sorted().toList();
        if (!got.equals(want)) {
            failures.add(c + " '" + c.values().get(0) + "': got " + got + ", expected " + want);
        }
    }
}
