#!/usr/bin/env bash
# What Tether adds to a warm HTTP call to an external API on loopback, per client (issue 5: at
# most 2 % once tokens are cached), measured with JMH in-process (benchmarks-jmh: the dispatcher
# wired as premain would, the bridge called exactly where the agent weaves it; no -javaagent).
# Writes JMH's JSON and log to bench-out/<UTC time>-http-jmh/ and prints a Markdown table:
#   - per client, WarmHttpCallPaired.bothArms: the call without and with Tether interleaved call
#     by call in the same JVMs (median call per iteration), the ratio with a Student t interval
#     over the per-iteration ratios (99.9 %), and the median time spent in Tether's bridge itself;
#   - the single-use mode (a Vault round trip per call, JDK client) in microseconds per call;
#   - HttpGuardCost: Tether's work on one request alone, no network, in nanoseconds.
# The bar counts as met for a client when the upper end of its interval is <= 1.02.
#
# Usage: bench/run-http-jmh.sh            (about 7 minutes on 2 cores)
#   AA=1 bench/run-http-jmh.sh            both arms without Tether: the design's own bias (~1.00)
# Settings: JAVA=java, BUILD=1 (rebuild the jar), OUT_DIR=bench-out, PAIRED_FORKS and
#   PAIRED_ITERATIONS (the paired benchmark's forks and measured iterations; 2 and 10 by default:
#   3 and 20 narrow the intervals by about 40 % and take about 5 minutes more)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
JAVA=${JAVA:-java}
BUILD=${BUILD:-0}
AA=${AA:-0}
OUT_DIR=${OUT_DIR:-bench-out}
JMH_JAR=benchmarks-jmh/target/tether-jmh.jar

die() {
  echo "run-http-jmh: $*" >&2
  exit 1
}
command -v python3 >/dev/null || die "python3 is needed for the ratios; install it"
if [[ $BUILD == 1 || ! -f $JMH_JAR ]]; then
  echo "run-http-jmh: building $JMH_JAR" >&2
  mvn -q -DskipTests -pl benchmarks-jmh -am install
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$OUT_DIR/$STAMP-http-jmh"
mkdir -p "$OUT"
cp "$JMH_JAR" "$OUT/tether-jmh.jar"
EXTRA=()
if [[ $AA == 1 ]]; then
  # JMH's -jvmArgsAppend replaces the benchmark's own: WarmHttpCallPaired's @Fork arguments again.
  # One line: JMH splits the arguments at spaces only.
  EXTRA=(-jvmArgsAppend
    "-Dbench.aa=true -Xms1g -Xmx1g --add-opens java.base/sun.net.www.protocol.http=ALL-UNNAMED --add-opens java.base/sun.net.www=ALL-UNNAMED -Xbootclasspath/a:benchmarks-jmh/target/tether-bootstrap.jar --add-reads java.net.http=ALL-UNNAMED --add-opens java.net.http/jdk.internal.net.http=ALL-UNNAMED")
fi
{
  echo "started: $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(uname -sr)"
  echo "jdk: $("$JAVA" -version 2>&1 | head -1)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "paired benchmark: ${PAIRED_FORKS:-2} forks of ${PAIRED_ITERATIONS:-10} measured iterations"
  [[ $AA == 1 ]] && echo "A/A control: both arms without Tether"
} >"$OUT/run.txt"

run() {
  local name=$1
  shift
  "$JAVA" -jar "$OUT/tether-jmh.jar" "$@" "${EXTRA[@]}" -foe true -rf json -rff "$OUT/$name.json" \
    >>"$OUT/jmh.log" 2>&1 || die "JMH failed for $name; see $OUT/jmh.log"
}
echo "run-http-jmh: writing to $OUT" >&2
PAIRED=()
[[ -n ${PAIRED_FORKS:-} ]] && PAIRED+=(-f "$PAIRED_FORKS")
[[ -n ${PAIRED_ITERATIONS:-} ]] && PAIRED+=(-i "$PAIRED_ITERATIONS")
run paired 'WarmHttpCallPaired.bothArms' "${PAIRED[@]}"
run single-use 'WarmHttpCallPaired.singleUseToken' -p client=jdk -f 1 -wi 5 -i 5
run guard 'HttpGuardCost'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/run.txt"
rm -f "$OUT/tether-jmh.jar"

python3 - "$OUT" <<'PY'
import json, statistics, sys

sys.path.insert(0, "bench")
from jmh_stats import BAR, mean_interval, verdict_of  # shared with run-jmh.sh

out = sys.argv[1]


def per_iteration(result, name):
    metric = result["secondaryMetrics"][name]
    return [v for fork in metric["rawData"] for v in fork]


lines = [f"## HTTP JMH run {out}", ""]
lines += [f"- {l}" for l in open(f"{out}/run.txt").read().strip().splitlines()]
lines += ["", "| client | without Tether (median µs) | with Tether (median µs) | ratio (99.9 % interval) |"
          " Tether's bridge in place (median µs) | bar ≤ 1.02 |", "|---|---|---|---|---|---|"]
for r in json.load(open(f"{out}/paired.json")):
    client = r["params"]["client"]
    without = per_iteration(r, "withoutTetherMedianNanos")
    with_t = per_iteration(r, "withTetherMedianNanos")
    guard = per_iteration(r, "guardMedianNanos")
    ratios = [w / o for w, o in zip(with_t, without) if o]
    mean, half = mean_interval(ratios)
    verdict = verdict_of(mean - half, mean + half)
    lines.append(f"| {client} | {statistics.median(without) / 1000:.1f} | {statistics.median(with_t) / 1000:.1f}"
                 f" | {mean:.4f} ({mean - half:.4f} – {mean + half:.4f}) | {statistics.median(guard) / 1000:.2f} | {verdict} |")
lines += ["", "| benchmark | score ± 99.9 % error | unit |", "|---|---|---|"]
for name in ("single-use", "guard"):
    for r in json.load(open(f"{out}/{name}.json")):
        m = r["primaryMetric"]
        params = ",".join(f"{k}={v}" for k, v in (r.get("params") or {}).items())
        bench = r["benchmark"].replace("dev.tether.bench.jmh.", "") + (f" ({params})" if params else "")
        lines.append(f"| {bench} | {m['score']:,.1f} ± {m['scoreError']:,.1f} | {m['scoreUnit']} |")
text = "\n".join(lines) + "\n"
open(f"{out}/summary.md", "w").write(text)
print(text)
PY
