#!/usr/bin/env bash
# What Tether adds to a warm S3 call, measured with JMH (DESIGN.md section 8: at most 2 %). Runs
# benchmarks-jmh/target/tether-jmh.jar (Tether wired in-process, no -javaagent; see the classes in
# dev.tether.bench.jmh), writes JMH's JSON and log to bench-out/<UTC time>-jmh/ and prints a
# Markdown table: each benchmark's score +- JMH's 99.9 % error, then the ratio
# withTether / withoutTether two ways:
#   - separate forks (WarmS3CallOverhead): each arm's mean in its own JVMs, with a conservative
#     interval from the two error bars; JVM-to-JVM and machine-load differences weigh on it fully;
#   - interleaved (WarmS3CallPaired): the arms alternate call by call in the same JVMs, one ratio
#     per iteration; a t interval over those ratios. Far tighter, and it splits the difference into
#     Tether's client-side work and what session credentials cost on loopback.
# The bar counts as met only when the upper end of an interval is <= 1.02.
#
# Usage: bench/run-jmh.sh [JMH arguments...]   (from anywhere; builds the jar if it is missing)
#   With no arguments (about 8.5 minutes on 2 cores; each fork warms up for 30 s, because the JIT
#   needs that long with the client, s3proxy and the Vault in one JVM):
#     'WarmS3CallOverhead\.with(out)?Tether$' WarmS3CallPaired InterceptorOverhead
#   Any arguments replace that selection and go to JMH as they are, e.g.
#     bench/run-jmh.sh WarmS3CallPaired                    (the interleaved figure alone, ~3 min)
#     bench/run-jmh.sh WarmS3CallOverhead -prof gc         (allocation per call, all three arms)
#     bench/run-jmh.sh ClientSideOverhead.allArms           (client-side work alone, canned HTTP)
#     bench/run-jmh.sh 'ClientSideOverhead.(withTether|sessionKey)Alone' -prof gc
#                                                         (the bytes each arm allocates per call)
#     bench/run-jmh.sh -f 1 -wi 3 -i 3 WarmS3CallPaired    (a quick look; too short for the bar)
# Settings (environment variables):
#   JAVA=java        the java launcher
#   BUILD=1          rebuild the jar even if it exists
#   STRICT_BARS=1    exit 3 when the bar is not met or not established (default: report only)
#   OUT_DIR=bench-out
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

JAVA=${JAVA:-java}
BUILD=${BUILD:-0}
STRICT_BARS=${STRICT_BARS:-0}
OUT_DIR=${OUT_DIR:-bench-out}
JMH_JAR=benchmarks-jmh/target/tether-jmh.jar

die() {
  echo "run-jmh: $*" >&2
  exit 1
}

command -v "$JAVA" >/dev/null || die "no '$JAVA' on the PATH; set JAVA to a JDK 17+ java"
command -v python3 >/dev/null || die "python3 is needed for the ratio; install it"

if [[ $BUILD == 1 || ! -f $JMH_JAR ]]; then
  echo "run-jmh: building $JMH_JAR (mvn -q -DskipTests -pl benchmarks-jmh -am install)" >&2
  mvn -q -DskipTests -pl benchmarks-jmh -am install
fi
[[ -f $JMH_JAR ]] || die "$JMH_JAR is missing after the build"

if (($# == 0)); then
  set -- 'WarmS3CallOverhead\.with(out)?Tether$' 'WarmS3CallPaired' 'InterceptorOverhead'
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$OUT_DIR/$STAMP-jmh"
mkdir -p "$OUT"
# Measure a private copy: a build running meanwhile in the tree must not swap the jar mid-run.
cp "$JMH_JAR" "$OUT/tether-jmh.jar"

{
  echo "started: $(date -u '+%Y-%m-%d %H:%M:%S') UTC"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
  echo "jdk: $("$JAVA" -version 2>&1 | head -1)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "jar sha256: $(sha256sum "$OUT/tether-jmh.jar" | cut -c1-16)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: $(printf '%q ' "$JAVA" -jar "$OUT/tether-jmh.jar" "$@" -foe true -rf json -rff "$OUT/jmh.json")"
} >"$OUT/run.txt"

echo "run-jmh: writing to $OUT (JMH's own progress follows; the table comes at the end)" >&2
# -foe: a trial whose requests were not signed as expected fails, and so does the run.
status=0
"$JAVA" -jar "$OUT/tether-jmh.jar" "$@" -foe true -rf json -rff "$OUT/jmh.json" 2>&1 |
  tee "$OUT/jmh.log" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/run.txt"
rm -f "$OUT/tether-jmh.jar"
((status == 0)) || die "JMH failed (exit $status); see $OUT/jmh.log"
[[ -s $OUT/jmh.json ]] || die "JMH wrote no results to $OUT/jmh.json"

python3 - "$OUT" "$STRICT_BARS" <<'PY'
import json, math, sys

sys.path.insert(0, "bench")
from jmh_stats import BAR, mean_interval, verdict_of  # shared with run-http-jmh.sh

out, strict = sys.argv[1], sys.argv[2] == "1"
results = json.load(open(f"{out}/jmh.json"))
run = open(f"{out}/run.txt").read().strip().splitlines()


def short(name):
    return name.replace("dev.tether.bench.jmh.", "")


def fmt(x):
    return f"{x:,.3f}" if abs(x) < 100 else f"{x:,.1f}"


by_name = {}
lines = ["## JMH run " + out, ""]
lines += [f"- {l}" for l in run]
lines += [
    "",
    "| benchmark | mode | forks × iterations | score ± 99.9 % error | unit | per-fork means |",
    "|---|---|---|---|---|---|",
]
for r in results:
    m = r["primaryMetric"]
    name = short(r["benchmark"])
    forks = m.get("rawData") or []
    means = [sum(f) / len(f) for f in forks if f]
    n = sum(len(f) for f in forks)
    error = m["scoreError"]
    error = float("nan") if isinstance(error, str) else error
    by_name[name] = (m["score"], error, m["scoreUnit"])
    lines.append(
        f"| {name} | {r['mode']} | {len(forks)} × {n // max(len(forks), 1)} | "
        f"{fmt(m['score'])} ± {fmt(error)} | {m['scoreUnit']} | "
        + ", ".join(fmt(x) for x in means) + " |"
    )

# Secondary metrics of -prof gc: allocation per operation, when present.
gc = [(short(r["benchmark"]), r.get("secondaryMetrics", {}).get("·gc.alloc.rate.norm")
       or r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")) for r in results]
gc = [(n, g) for n, g in gc if g]
if gc:
    lines += ["", "| benchmark | allocated per op ± 99.9 % error |", "|---|---|"]
    for name, g in gc:
        lines.append(f"| {name} | {g['score']:,.0f} ± {g['scoreError']:,.0f} {g['scoreUnit']} |")

verdicts = []
with_t = by_name.get("WarmS3CallOverhead.withTether")
without = by_name.get("WarmS3CallOverhead.withoutTether")
if with_t and without and with_t[2] == without[2]:
    (a, ea, unit), (b, eb, _) = with_t, without
    ratio = a / b
    # Conservative interval: JMH's 99.9 % intervals of the two means, [a-ea, a+ea] and [b-eb, b+eb],
    # combined by interval arithmetic (smallest numerator over largest denominator, and the reverse).
    # Whenever both means lie in their intervals the ratio lies in this one, so it covers the true
    # ratio with at least 99.8 % confidence (Bonferroni), wider than a propagated-error interval.
    low = (a - ea) / (b + eb)
    high = (a + ea) / (b - eb) if b - eb > 0 else math.inf
    verdict = verdict_of(low, high)
    verdicts.append(verdict)
    lines += [
        "",
        "### Separate forks (WarmS3CallOverhead: each arm in its own forks)",
        "",
        "| figure | value |",
        "|---|---|",
        f"| added per call (withTether − withoutTether) | {a - b:+,.1f} ± {ea + eb:,.1f} {unit} |",
        f"| ratio withTether / withoutTether | {ratio:.4f} ({(ratio - 1) * 100:+.2f} %) |",
        f"| conservative interval (≥ 99.8 %) | {low:.4f} – {high:.4f} |",
        f"| bar ≤ {BAR:.2f} | **{verdict}** |",
        "",
        "Interval: the two 99.9 % error bars combined by interval arithmetic, "
        "[(withTether − err) / (withoutTether + err), (withTether + err) / (withoutTether − err)]. "
        "Met only if the upper end is ≤ 1.02; not met if the lower end is above; otherwise not "
        "established. JMH's error pools every iteration of every fork as if independent; compare "
        "the per-fork means above to see how much forks differ.",
    ]
    session = by_name.get("WarmS3CallOverhead.sessionKeyWithoutTether")
    if session and session[2] == unit:
        s, es, _ = session
        lines += [
            "",
            f"- Tether's client-side work (withTether − sessionKeyWithoutTether): "
            f"{a - s:+,.1f} ± {ea + es:,.1f} {unit}",
            f"- session credentials on loopback (sessionKeyWithoutTether − withoutTether): "
            f"{s - b:+,.1f} ± {es + eb:,.1f} {unit}",
        ]
elif with_t or without:
    lines += ["", "Only one arm of the separate-fork design ran: no ratio from it."]

# Interleaved design: per-iteration counters of an allArms benchmark (ArmTimes), one value per
# iteration of each fork. Each iteration gives one ratio between two arms measured in the same
# seconds of the same JVM; the interval is a Student t interval over those ratios.
TITLES = {
    "WarmS3CallPaired": "Interleaved in one JVM, loopback S3 (WarmS3CallPaired)",
    "ClientSideOverhead": "Interleaved in one JVM, client side only: canned HTTP responses "
                          "(ClientSideOverhead; attribution, not the bar)",
}
for paired in (r for r in results if r["benchmark"].endswith(".allArms")):
    counters = paired.get("secondaryMetrics", {})
    if "rounds" not in counters:
        continue
    bench = short(paired["benchmark"]).split(".")[0]
    for_bar = bench == "WarmS3CallPaired"

    def per_iteration(counter):
        forks = counters[counter]["rawData"]
        return [v for fork in forks for v in fork], [len(f) for f in forks]

    arms = {}
    for arm in ("withoutTether", "withTether", "sessionKey"):
        arms[arm, "median"], fork_sizes = per_iteration(arm + "MedianNanos")
        arms[arm, "total"], _ = per_iteration(arm + "Nanos")
    rounds, _ = per_iteration("rounds")  # calls per arm in each iteration
    n = len(rounds)
    lines += [
        "",
        f"### {TITLES.get(bench, bench)}",
        "",
        f"{len(fork_sizes)} forks × {n // max(len(fork_sizes), 1)} iterations; the arms "
        "alternate call by call. Each iteration gives one ratio of the arms' median calls and one "
        "of their mean calls; intervals are 99.9 % Student t intervals over the iterations' ratios.",
        "",
        "| figure | per-call median | per-call mean |",
        "|---|---|---|",
    ]
    for arm in ("withoutTether", "withTether", "sessionKey"):
        medians = [v / 1000 for v in arms[arm, "median"]]
        means = [t / c / 1000 for t, c in zip(arms[arm, "total"], rounds)]
        lines.append(f"| {arm} (µs, averaged over iterations) | {sum(medians) / n:,.2f} | "
                     f"{sum(means) / n:,.2f} |")

    def ratio_row(label, top, bottom, bar):
        cells = []
        for kind in ("median", "total"):
            ratios = [x / y for x, y in zip(arms[top, kind], arms[bottom, kind])]
            mean, half = mean_interval(ratios)
            cell = f"{mean:.4f} ({(mean - 1) * 100:+.2f} %), {mean - half:.4f} – {mean + half:.4f}"
            if bar:
                v = verdict_of(mean - half, mean + half)
                verdicts.append(v)
                cell += f": **{v}**"
            cells.append(cell)
        return f"| {label} | {cells[0]} | {cells[1]} |"

    lines.append(ratio_row("withTether / withoutTether" + (f" (bar ≤ {BAR:.2f})" if for_bar else ""),
                           "withTether", "withoutTether", for_bar))
    lines.append(ratio_row("sessionKey / withoutTether (session credentials alone)",
                           "sessionKey", "withoutTether", False))
    lines.append(ratio_row("withTether / sessionKey (Tether's own work)",
                           "withTether", "sessionKey", False))

    def difference(top, bottom):
        return mean_interval([(x - y) / 1000 for x, y in
                              zip(arms[top, "median"], arms[bottom, "median"])])

    m1, h1 = difference("withTether", "withoutTether")
    m2, h2 = difference("withTether", "sessionKey")
    per_fork, values, i = [], [x / y for x, y in zip(arms["withTether", "median"],
                                                     arms["withoutTether", "median"])], 0
    for size in fork_sizes:
        per_fork.append(sum(values[i:i + size]) / size)
        i += size
    lines += [
        "",
        f"Median call: Tether adds {m1:+.2f} ± {h1:.2f} µs, of which {m2:+.2f} ± {h2:.2f} µs are "
        "Tether's own work (withTether − sessionKey) and the rest what session credentials cost "
        "(sessionKey − withoutTether). Per-fork means of the median ratio withTether / "
        "withoutTether: " + ", ".join(f"{r:.4f}" for r in per_fork) + ".",
    ]

hooks = by_name.get("InterceptorOverhead.interceptor")
if hooks and hooks[2].startswith("ns"):
    text = f"Tether's four interceptor hooks alone (InterceptorOverhead.interceptor): {hooks[0]:,.0f} ns per request"
    if without and without[2].startswith("us"):
        text += f" ({hooks[0] / 1000 / without[0] * 100:.2f} % of a call without Tether)"
    lines += ["", text + "."]

report = "\n".join(lines) + "\n"
open(f"{out}/results.md", "w").write(report)
print()
print(report)
sys.exit(3 if strict and any(v != "met" for v in verdicts) else 0)
PY
