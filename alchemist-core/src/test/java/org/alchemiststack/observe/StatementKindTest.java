package org.alchemiststack.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Raw SQL is classified by its first keyword, past blanks, parentheses and comments. */
class StatementKindTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "SELECT 1|SELECT",
        "  select * from t|SELECT",
        "(SELECT 1) UNION (SELECT 2)|SELECT",
        "WITH x AS (SELECT 1) SELECT * FROM x|SELECT",
        "WITH gone AS (DELETE FROM t RETURNING id) SELECT count(*) FROM gone|OTHER",
        "with moved as (update t set a = 1 returning id) select * from moved|OTHER",
        "WITH updated_at AS (SELECT 1) SELECT * FROM updated_at|SELECT",
        "VALUES (1)|SELECT",
        "TABLE account|SELECT",
        "/* report */ SELECT 1|SELECT",
        "-- why\\nUPDATE t SET a = 1|UPDATE",
        "/* a */ -- b\\n /* c */ delete from t|DELETE",
        "insert into t values (1) on conflict do nothing|INSERT",
        "MERGE INTO t USING s ON (t.id = s.id)|UPSERT",
        "REPLACE INTO t VALUES (1)|UPSERT",
        "CALL proc()|OTHER",
        "CREATE TABLE t (id INT)|OTHER",
        "SELECTED|OTHER",
        "/* never closed SELECT|OTHER",
        "/**/SELECT 1|SELECT",
        "/*/ SELECT */ DELETE FROM t|DELETE",
        "--\\nINSERT INTO t VALUES (1)|INSERT",
        "-- only a comment|OTHER",
        "''|OTHER",
        "'   '|OTHER",
    })
    void theFirstKeywordDecides(String sql, StatementKind kind) {
        assertThat(StatementKind.of(sql.replace("\\n", "\n"))).isEqualTo(kind);
    }
}
