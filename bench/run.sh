#!/usr/bin/env bash
# Builds alchemist-bench, runs the JMH benchmarks of issue 5 and writes docs/BENCHMARKS.md.
#
#   bench/run.sh            the standard run (about 50 minutes on 2 cores): the target workloads, 2 forks each
#   bench/run.sh --quick    a smoke run of every benchmark (about 10 minutes; figures are not steady-state)
#   bench/run.sh --all      every workload on both databases, 3 forks (several hours)
#   bench/run.sh --issue14  the workloads of issue 14 (generated mappers) on the alchemist systems, both paths, and
#                           start-up; rewrites only the marked issue-14 section of docs/BENCHMARKS.md (about 35 minutes)
#
# Needs: JDK 17+, Maven, python3, PostgreSQL at 127.0.0.1:5432 (database test, user postgres, trust auth) and psql.
# BENCH_SKIP_BUILD=1 reuses an existing alchemist-bench/target/benchmarks.jar.
# Results (JMH JSON, statement log, heap probe) go to alchemist-bench/target/bench-results/.
set -euo pipefail

MODE="${1:---standard}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/alchemist-bench/target/bench-results"
JAR="$ROOT/alchemist-bench/target/benchmarks.jar"
PGLOG="${PGLOG:-$(ls /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1 || true)}"
JVM="-Xms4g -Xmx4g"
# alchemist-repo and alchemist-session run on the mappers alchemist-processor generated (the default; they fail at
# setup without them); the -reflective pair is the same systems with generatedMappers(false).
ALL_SYSTEMS="jdbc,alchemist-repo,alchemist-repo-reflective,alchemist-session,alchemist-session-reflective,hibernate-session,hibernate-stateless,jdbi,jooq"

case "$MODE" in
  --quick)
    H2_OPTS="-wi 1 -w 1s -i 1 -r 1s -f 1"; PG_OPTS="$H2_OPTS"
    H2_RE='(CrudBenchmark|ReadBenchmark|DeleteBenchmark|StreamBenchmark|FloorBenchmark)'; PG_RE="$H2_RE"; ROWS="100,1000"
    CONC_OPTS="-wi 1 -w 1s -i 1 -r 1s -f 1"; BOOT_OPTS="-wi 0 -i 3 -f 1" ;;
  --standard)
    # Nine systems and six H2 workloads: 6 warm-up iterations of 2 s (10 before the reflective pair and readRecord
    # came in) keep the H2 part near 30 minutes; raise -wi if a fork's iterations still drift.
    H2_OPTS="-wi 6 -w 2s -i 3 -r 1s -f 2"; PG_OPTS="-wi 5 -w 1s -i 3 -r 1s -f 2"
    H2_RE='(CrudBenchmark\.(findById|insertBatch1000|loadChangeCommit)|ReadBenchmark\.(readClass|readRecord)|FloorBenchmark\.selectOne)$'
    PG_RE='(CrudBenchmark\.(findById|insertOne|loadChangeCommit)|FloorBenchmark\.selectOne)$'; ROWS="1000"
    CONC_OPTS="-wi 3 -w 2s -i 3 -r 2s -f 2"; BOOT_OPTS="-wi 0 -i 10 -f 3" ;;
  --all)
    H2_OPTS="-wi 10 -w 2s -i 5 -r 2s -f 3"; PG_OPTS="-wi 10 -w 2s -i 5 -r 2s -f 3"
    H2_RE='(CrudBenchmark|ReadBenchmark|DeleteBenchmark|StreamBenchmark|FloorBenchmark)'; PG_RE="$H2_RE"; ROWS="100,1000"
    CONC_OPTS="-wi 5 -w 2s -i 5 -r 2s -f 3"; BOOT_OPTS="-wi 0 -i 10 -f 5" ;;
  --issue14)
    H2_OPTS="-wi 10 -w 2s -i 5 -r 1s -f 2"; PG_OPTS="-wi 5 -w 1s -i 3 -r 1s -f 2"
    H2_RE='(CrudBenchmark\.(findById|insertBatch1000|loadChangeCommit)|ReadBenchmark\.read(Class|Record))$'
    PG_RE='(CrudBenchmark\.(findById|insertOne|loadChangeCommit)|ReadBenchmark\.readClass)$'; ROWS="1000"
    ALL_SYSTEMS="jdbc,alchemist-repo,alchemist-repo-reflective,alchemist-session,alchemist-session-reflective"
    BOOT_OPTS="-wi 0 -i 10 -f 3 -p system=alchemist" ;;
  *) echo "usage: bench/run.sh [--quick|--standard|--all|--issue14]" >&2; exit 2 ;;
esac

echo "== build"
if [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -f "$JAR" ]; then
  echo "BENCH_SKIP_BUILD=1: using the existing $JAR"
elif grep -q '<module>alchemist-bench</module>' pom.xml; then
  mvn -B -q -pl alchemist-bench -am package -DskipTests
else
  mvn -B -q -N install
  mvn -B -q -pl alchemist-core install -DskipTests
  mvn -B -q -f alchemist-bench/pom.xml package -DskipTests
fi

echo "== PostgreSQL: schema bench, statement-logging role bench_log"
psql -h 127.0.0.1 -U postgres -d test -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE SCHEMA IF NOT EXISTS bench;
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_log') THEN CREATE ROLE bench_log LOGIN; END IF; END $$;
ALTER ROLE bench_log SET log_statement = 'all';
SQL

rm -rf "$OUT"; mkdir -p "$OUT"
{
  echo "mode=$MODE"
  echo "command=bench/run.sh $MODE"
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpus=$(nproc)"
  echo "cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory=$(free -g | awk '/Mem:/ {print $2 " GiB"}')"
  echo "jdk=$(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "postgresql=$(psql -h 127.0.0.1 -U postgres -d test -Atc 'show server_version')"
  echo "h2=$(sed -n 's:.*<h2.version>\(.*\)</h2.version>.*:\1:p' pom.xml)"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/env.txt"

jmh() { # name, regex, options...
  local name="$1" re="$2"; shift 2
  echo "== JMH $name"
  echo "$name: java -jar alchemist-bench/target/benchmarks.jar '$re' $* -prof gc -jvmArgs '$JVM' -rf json" >> "$OUT/commands.txt"
  java -jar "$JAR" "$re" "$@" -prof gc -jvmArgs "$JVM" -rf json -rff "$OUT/$name.json" > "$OUT/$name.log" 2>&1 \
    || { echo "JMH $name failed; see $OUT/$name.log" >&2; tail -30 "$OUT/$name.log" >&2; exit 1; }
}

jmh h2 "$H2_RE" -p db=h2 -p system="$ALL_SYSTEMS" -p rows="$ROWS" $H2_OPTS
jmh pg "$PG_RE" -p db=pg -p system="$ALL_SYSTEMS" -p rows="$ROWS" $PG_OPTS
if [ "$MODE" = --issue14 ]; then
  jmh bootstrap 'BootstrapBenchmark' $BOOT_OPTS
  echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.txt"
  echo "== report (the issue-14 section of docs/BENCHMARKS.md)"
  python3 "$ROOT/alchemist-bench/scripts/report.py" --splice "$OUT" "$ROOT/docs/BENCHMARKS.md"
  echo "wrote the issue-14 section of docs/BENCHMARKS.md and docs/benchmark-ratios.svg"
  exit 0
fi
jmh concurrency 'ConcurrencyBenchmark' $CONC_OPTS
jmh bootstrap 'BootstrapBenchmark' $BOOT_OPTS

echo "== statements per operation (PostgreSQL log_statement=all as bench_log)"
if [ -n "$PGLOG" ] && [ -r "$PGLOG" ]; then
  java -Dbench.pg.user=bench_log -cp "$JAR" org.alchemiststack.bench.StatementLog "$PGLOG" "$OUT/statements.tsv" \
    > "$OUT/statements.log" 2>&1 || { echo "statement log failed; see $OUT/statements.log" >&2; }
else
  echo "no readable PostgreSQL log file; statements not recorded" | tee "$OUT/statements.log"
fi

echo "== peak live heap while streaming 100,000 rows"
: > "$OUT/heap.tsv"
for db in h2 pg; do
  for sys in ${ALL_SYSTEMS//,/ }; do
    java -Xmx512m -XX:+UseSerialGC -cp "$JAR" org.alchemiststack.bench.HeapProbe "$db" "$sys" >> "$OUT/heap.tsv" 2>> "$OUT/heap.log" \
      || echo -e "$db\t$sys\tfailed\t\t" >> "$OUT/heap.tsv"
  done
done
echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.txt"

echo "== report"
python3 "$ROOT/alchemist-bench/scripts/report.py" "$OUT" "$ROOT/docs/BENCHMARKS.md"
echo "wrote docs/BENCHMARKS.md"
