#!/usr/bin/env bash
# Measures the Tether agent against the bars of DESIGN.md section 8 and writes the figures to
# bench-out/ (see docs/benchmarks.md for what each figure means):
#   1. start-up: the demo as a whole process in four arms, run interleaved round by round (the
#      order rotates from round to round): no agent, Tether, the OpenTelemetry Java agent, and
#      both (the OpenTelemetry agent attached first, then Tether); wall time, user+sys CPU and
#      peak RSS of each process. Every arm gets the same otel.* settings (TRACES_EXPORTER below).
#      For attribution, also an empty main (dev.tether.bench.EmptyMain) with and without the
#      agent, interleaved: once exiting at once (what premain costs the main thread), once staying
#      LINGER_MS (what all of the agent's start-up work costs, background threads included);
#   2. warm S3 call: the benchmark jar (many GetObject calls inside one @Tool call, on loopback)
#      with and without the agent, processes interleaved; each process reports its median.
#
# Usage: bench/run-benchmarks.sh            (from anywhere; builds the jars if they are missing)
#        STARTUP_ONLY=1 bench/run-benchmarks.sh   (the four-arm start-up figure alone)
# Settings (environment variables):
#   RUNS=7           demo processes per arm for the start-up figure
#   BENCH_RUNS=9     benchmark processes per arm for the warm-call figure
#   WARMUP_RUNS=1    untimed start-up rounds first (fill the page cache with the jars)
#   LINGER_MS=3000   how long the lingering empty main stays
#   BENCH_ARGS=""    passed to the benchmark jar, e.g. "--warmup 3000 --rounds 30 --calls 300"
#   JAVA=java        the java launcher;  JAVA_OPTS=""  extra JVM options for every process, e.g.
#                    JAVA_OPTS="-XX:MaxRAM=2g" sizes every JVM as a 2 GiB container limit would
#                    (heap at most 512 MiB) instead of from this machine's memory
#   BUILD=1          rebuild the jars even if they exist
#   STARTUP_ONLY=1   measure the four-arm start-up only (no empty main, no warm call)
#   STARTUP_ARMS="none tether"  the start-up arms without the OpenTelemetry agent: half the time
#                    per round, so twice the rounds for issue 2's figure in the same time
#   STARTUP_ARMS="none noop untraced tether"  controls, to tell Tether's share from any agent's:
#                    noop is an agent whose transformer changes nothing (bench/noop-agent), untraced
#                    is Tether with -Dotel.traces.exporter=none (no OpenTelemetry SDK is built)
#   STARTUP_ARMS="otel otel-noop both"  the same control beside the OpenTelemetry agent
#   OTEL_AGENT_JAR   the OpenTelemetry Java agent to measure; default the copy agent-it makes
#                    (agent-it/target/otel-javaagent/), else the script copies it from Maven
#   TRACES_EXPORTER=console  -Dotel.traces.exporter for every start-up arm (both agents read it;
#                    metrics and logs are off): console prints spans to stderr, no collector to
#                    reach; none turns both agents' traces off (Tether then builds no SDK at all)
#   STRICT_BARS=1    exit 3 when a bar is not met (default: report only)
#   OUT_DIR=bench-out
#   REPORT_ONLY=DIR  measure nothing: write the report again from the figures already in DIR
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

RUNS=${RUNS:-7}
BENCH_RUNS=${BENCH_RUNS:-9}
WARMUP_RUNS=${WARMUP_RUNS:-1}
LINGER_MS=${LINGER_MS:-3000}
BENCH_ARGS=${BENCH_ARGS:-}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
BUILD=${BUILD:-0}
STRICT_BARS=${STRICT_BARS:-0}
STARTUP_ONLY=${STARTUP_ONLY:-0}
TRACES_EXPORTER=${TRACES_EXPORTER:-console}
OUT_DIR=${OUT_DIR:-bench-out}

AGENT_JAR=agent/target/tether-agent.jar
DEMO_JAR=demo-app/target/tether-demo.jar
BENCH_JAR=benchmarks/target/tether-bench.jar
OTEL_AGENT_COPY=agent-it/target/otel-javaagent/opentelemetry-javaagent.jar
GNU_TIME=/usr/bin/time

die() {
  echo "run-benchmarks: $*" >&2
  exit 1
}

# Round r runs the arms in the order of row (r - 1) mod rows: for four arms, a Williams square (over
# every 4 rounds each arm runs once in each position and once right after each other arm, so
# neither going first nor following a particular arm favours one of them); for three, all six
# orders; for two, alternating which goes first.
read -r -a STARTUP_ARMS <<<"${STARTUP_ARMS:-none tether otel both}"
case "${STARTUP_ARMS[*]}" in
  "none tether otel both" | "none noop untraced tether") ROUND_ORDERS=("0 1 3 2" "1 2 0 3" "2 3 1 0" "3 0 2 1") ;;
  "otel otel-noop both") ROUND_ORDERS=("0 1 2" "1 2 0" "2 0 1" "0 2 1" "1 0 2" "2 1 0") ;;
  "none tether") ROUND_ORDERS=("0 1" "1 0") ;;
  *) die "STARTUP_ARMS is 'none tether otel both' (the default), 'none tether', 'none noop untraced tether' or 'otel otel-noop both', not '${STARTUP_ARMS[*]}'" ;;
esac

for setting in RUNS BENCH_RUNS WARMUP_RUNS LINGER_MS; do
  [[ ${!setting} =~ ^[0-9]+$ ]] || die "$setting must be a whole number, not '${!setting}'"
done
((RUNS >= 1 && BENCH_RUNS >= 1)) || die "RUNS and BENCH_RUNS must be at least 1"
[[ $STARTUP_ONLY == 0 || $STARTUP_ONLY == 1 ]] || die "STARTUP_ONLY must be 0 or 1, not '$STARTUP_ONLY'"
[[ $TRACES_EXPORTER == console || $TRACES_EXPORTER == none ]] ||
  die "TRACES_EXPORTER must be console or none (exporters that need a collector would time failures), not '$TRACES_EXPORTER'"
if ((RUNS < 5)) || { [[ $STARTUP_ONLY == 0 ]] && ((BENCH_RUNS < 5)); }; then
  echo "run-benchmarks: fewer than 5 runs per arm: the figures will not count for the bars" >&2
fi
command -v "$JAVA" >/dev/null || die "no '$JAVA' on the PATH; set JAVA to a JDK 17+ java"
command -v python3 >/dev/null || die "python3 is needed for the statistics; install it"

if [[ -n ${REPORT_ONLY:-} ]]; then
  [[ -f $REPORT_ONLY/machine.txt ]] || die "REPORT_ONLY=$REPORT_ONLY holds no figures (no machine.txt)"
  OUT=$REPORT_ONLY
  OUT_DIR=$(dirname "$OUT")
else
# GNU time gives user and system CPU and the peak RSS of the measured process.
if ! "$GNU_TIME" --version 2>&1 | grep -q GNU; then
  echo "run-benchmarks: installing GNU time (package 'time')" >&2
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "GNU time is missing and I am not root: apt-get install time"
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]+"${sudo_cmd[@]}"}" apt-get install -y time >/dev/null ||
    die "could not install GNU time; run: apt-get install time"
fi

NEEDED_JARS=("$AGENT_JAR" "$DEMO_JAR")
[[ $STARTUP_ONLY == 1 ]] || NEEDED_JARS+=("$BENCH_JAR")
missing=0
for jar in "${NEEDED_JARS[@]}"; do
  [[ -f $jar ]] || missing=1
done
if [[ $BUILD == 1 || $missing == 1 ]]; then
  echo "run-benchmarks: building the jars (mvn -q -DskipTests install)" >&2
  mvn -q -DskipTests install
fi
for jar in "${NEEDED_JARS[@]}"; do
  [[ -f $jar ]] || die "$jar is missing after the build"
done

# The version of the OpenTelemetry Java agent, and of the dependency plugin, the root pom pins.
pom_value() {
  sed -n "$1" pom.xml | sed -n 1p
}
OTEL_VERSION=$(pom_value 's:.*<otel.javaagent.version>\([^<]*\)</otel.javaagent.version>.*:\1:p')
DEPENDENCY_PLUGIN_VERSION=$(pom_value 's:.*<artifactId>maven-dependency-plugin</artifactId><version>\([^<]*\)</version>.*:\1:p')
[[ -n $OTEL_VERSION ]] || die "no <otel.javaagent.version> in pom.xml"
[[ -n $DEPENDENCY_PLUGIN_VERSION ]] || die "no maven-dependency-plugin version pinned in pom.xml"

# The version an OpenTelemetry agent jar says it is (its manifest), or nothing.
jar_version() {
  python3 -c 'import sys, zipfile
manifest = zipfile.ZipFile(sys.argv[1]).read("META-INF/MANIFEST.MF").decode()
print(next((l.split(":", 1)[1].strip() for l in manifest.splitlines() if l.startswith("Implementation-Version:")), ""))' "$1" 2>/dev/null || true
}

# Measure private copies: a build running meanwhile in the tree must not swap a jar mid-run.
JAR_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tether-bench-jars.XXXXXX")
trap 'rm -rf "$JAR_DIR"' EXIT
cp "$AGENT_JAR" "$JAR_DIR/tether-agent.jar"
cp "$DEMO_JAR" "$JAR_DIR/tether-demo.jar"
AGENT_JAR=$JAR_DIR/tether-agent.jar
DEMO_JAR=$JAR_DIR/tether-demo.jar
MEASURED_JARS=("$AGENT_JAR" "$DEMO_JAR")
if [[ $STARTUP_ONLY == 0 ]]; then
  cp "$BENCH_JAR" "$JAR_DIR/tether-bench.jar"
  BENCH_JAR=$JAR_DIR/tether-bench.jar
  MEASURED_JARS+=("$BENCH_JAR")
fi

# The OpenTelemetry Java agent: the given jar, else agent-it's copy (mvn generate-test-resources),
# else copied from the Maven repository (offline first).
OTEL_JAR=$JAR_DIR/opentelemetry-javaagent.jar
if [[ -n ${OTEL_AGENT_JAR:-} ]]; then
  [[ -f $OTEL_AGENT_JAR ]] || die "OTEL_AGENT_JAR=$OTEL_AGENT_JAR does not exist"
  cp "$OTEL_AGENT_JAR" "$OTEL_JAR"
elif [[ -f $OTEL_AGENT_COPY && $(jar_version "$OTEL_AGENT_COPY") == "$OTEL_VERSION" ]]; then
  cp "$OTEL_AGENT_COPY" "$OTEL_JAR"
else
  echo "run-benchmarks: copying opentelemetry-javaagent $OTEL_VERSION from the Maven repository" >&2
  copy_otel=(mvn -q -N "org.apache.maven.plugins:maven-dependency-plugin:$DEPENDENCY_PLUGIN_VERSION:copy"
    "-Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION"
    "-DoutputDirectory=$JAR_DIR/otel" -Dmdep.stripVersion=true)
  "${copy_otel[@]}" -o >/dev/null 2>&1 || "${copy_otel[@]}" ||
    die "could not obtain opentelemetry-javaagent $OTEL_VERSION; set OTEL_AGENT_JAR to its jar"
  mv "$JAR_DIR/otel/opentelemetry-javaagent.jar" "$OTEL_JAR"
fi
OTEL_JAR_VERSION=$(jar_version "$OTEL_JAR")
[[ -n $OTEL_JAR_VERSION ]] || die "$OTEL_JAR has no Implementation-Version: is it the OpenTelemetry Java agent?"
if [[ $OTEL_JAR_VERSION != "$OTEL_VERSION" ]]; then
  echo "run-benchmarks: measuring opentelemetry-javaagent $OTEL_JAR_VERSION, not the $OTEL_VERSION pom.xml pins" >&2
fi
MEASURED_JARS+=("$OTEL_JAR")

# The control agent, built from source for the arms that attach it.
NOOP_JAR=$JAR_DIR/noop-agent.jar
if [[ " ${STARTUP_ARMS[*]} " == *noop* ]]; then
  command -v javac >/dev/null && command -v jar >/dev/null || die "the noop arms need javac and jar: set PATH to a JDK"
  javac --release 17 -d "$JAR_DIR/noop-classes" bench/noop-agent/NoopAgent.java ||
    die "could not compile bench/noop-agent/NoopAgent.java"
  printf 'Premain-Class: dev.tether.bench.noop.NoopAgent\nCan-Retransform-Classes: true\n' >"$JAR_DIR/noop-manifest.txt"
  jar cfm "$NOOP_JAR" "$JAR_DIR/noop-manifest.txt" -C "$JAR_DIR/noop-classes" . || die "could not build $NOOP_JAR"
  MEASURED_JARS+=("$NOOP_JAR")
fi

jar_ids() {
  local jar
  for jar in "${MEASURED_JARS[@]}"; do
    printf '%s sha256:%s; ' "$(basename "$jar")" "$(sha256sum "$jar" | cut -c1-16)"
  done
}

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$OUT_DIR/$STAMP"
mkdir -p "$OUT/logs"
STARTUP_TSV="$OUT/startup.tsv"
WARM_TSV="$OUT/warm-call.tsv"
HEADER='arm\trun\twall_ms\tuser_s\tsys_s\tmax_rss_kib\texit\tload1\n'
# position: where in its round the process ran (1 = first).
# main_ms, ready_ms, done_ms: from fork to when the demo's main began, when it was ready (its
# stack and environment up, the coding agent built next), and when the last tool call returned.
printf 'arm\trun\twall_ms\tuser_s\tsys_s\tmax_rss_kib\texit\tload1\tposition\tmain_ms\tready_ms\tdone_ms\n' >"$STARTUP_TSV"
if [[ $STARTUP_ONLY == 0 ]]; then
  # shellcheck disable=SC2059
  printf "$HEADER" >"$OUT/premain.tsv"
  # shellcheck disable=SC2059
  printf "$HEADER" >"$OUT/linger.tsv"
  printf 'arm\trun\tmedian_us\tbest_round_us\tcpu_us\tfirst_call_us\ttool_entry_us\tsigned_with_vault_key\twall_ms\tmax_rss_kib\texit\tload1\n' >"$WARM_TSV"
fi

# JVM arguments for an arm; JAVA_OPTS is split into words on purpose. "agent" is Tether in the
# two-arm parts (empty main, warm call); the start-up arms are none, tether, otel and both, and the
# controls noop, untraced and otel-noop. The arm's own -D comes after STARTUP_OTEL's: the last wins.
jvm_args() {
  local arm=$1
  # shellcheck disable=SC2206
  JVM_ARGS=($JAVA_OPTS)
  case $arm in
    agent | tether) JVM_ARGS+=("-javaagent:$AGENT_JAR") ;;
    otel) JVM_ARGS+=("-javaagent:$OTEL_JAR") ;;
    # The OpenTelemetry agent first, then Tether, as TwoAgentsIT's "before Tether" case.
    both) JVM_ARGS+=("-javaagent:$OTEL_JAR" "-javaagent:$AGENT_JAR") ;;
    none) ;;
    noop) JVM_ARGS+=("-javaagent:$NOOP_JAR") ;;
    otel-noop) JVM_ARGS+=("-javaagent:$OTEL_JAR" "-javaagent:$NOOP_JAR") ;;
    untraced) JVM_ARGS+=(-Dotel.traces.exporter=none "-javaagent:$AGENT_JAR") ;;
    *) die "unknown arm '$arm'" ;;
  esac
}

# The same OpenTelemetry settings for every start-up arm, so that no arm spends time failing to
# reach a collector: traces to the console (or off), metrics and logs off. Both agents read these
# system properties (over the OTEL_* variables); for Tether, otel.traces.exporter overrides the
# demo's tether.yaml, which says console. They are system properties, not OTEL_* variables, because
# the demo's embedded Vault reads OTEL_TRACES_EXPORTER from the environment (default none) and
# must stay as in every arm and every earlier run; inherited OTEL_* variables are removed.
STARTUP_OTEL=("-Dotel.traces.exporter=$TRACES_EXPORTER" -Dotel.metrics.exporter=none -Dotel.logs.exporter=none)
STARTUP_ENV=(env)
for name in $(compgen -e); do
  if [[ $name == OTEL_* ]]; then
    STARTUP_ENV+=(-u "$name")
  fi
done

now_ns() { date +%s%N; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# Runs one process under GNU time; sets RUN_WALL_MS, RUN_USER_S, RUN_SYS_S, RUN_RSS_KIB, RUN_EXIT.
# Wall time is taken here in nanoseconds (GNU time prints it to 10 ms only).
measure() {
  local prefix=$1
  shift
  local start end
  RUN_EXIT=0
  start=$(now_ns)
  RUN_START_NS=$start
  "$GNU_TIME" -f '%U %S %M' -o "$prefix.time" "$@" >"$prefix.out" 2>"$prefix.err" || RUN_EXIT=$?
  end=$(now_ns)
  RUN_WALL_MS=$(((end - start) / 1000000))
  # With a non-zero exit GNU time writes "Command exited with non-zero status N" first.
  read -r RUN_USER_S RUN_SYS_S RUN_RSS_KIB < <(tail -n 1 "$prefix.time")
}

# The verdict line the first run with Tether, and the first without, printed; later runs must match.
declare -A FIRST_VERDICT=()

# Whether start-up arm $1 attaches agent $2 (tether or otel).
attaches() {
  case "$2:$1" in
    tether:tether | tether:both | tether:untraced | otel:otel | otel:both | otel:otel-noop) return 0 ;;
    *) return 1 ;;
  esac
}

# Fails the run unless the demo did its whole job in this arm: a broken arm must not be timed as
# fast. With Tether it exits 0 and every call goes as expected; without it it exits 1 on purpose,
# reporting the calls that went unenforced. The OpenTelemetry agent must have started exactly in
# the arms that attach it, and Tether's traces must not have failed.
check_demo_run() {
  local arm=$1 prefix=$2 expected_exit=1 kind="without Tether" verdict problem=""
  if attaches "$arm" tether; then
    expected_exit=0
    kind="with Tether"
  fi
  verdict=$(grep -E '^verdict: [0-9]+/[0-9]+ calls as expected$' "$prefix.out" | tail -n 1 || true)
  if [[ $RUN_EXIT -ne $expected_exit ]]; then
    problem="exited $RUN_EXIT (expected $expected_exit)"
  elif [[ -z $verdict ]]; then
    problem="printed no verdict line"
  elif [[ $kind == "with Tether" ]] && ! grep -Eq '^verdict: ([0-9]+)/\1 calls as expected$' <<<"$verdict"; then
    problem="did not go as Tether promises ($verdict)"
  elif [[ $kind == "without Tether" ]] && ! grep -q '^Tether is not attached: ' "$prefix.out"; then
    problem="did not report that Tether is not attached"
  elif [[ -n ${FIRST_VERDICT[$kind]:-} && $verdict != "${FIRST_VERDICT[$kind]}" ]]; then
    problem="printed '$verdict', where an earlier run $kind printed '${FIRST_VERDICT[$kind]}'"
  elif attaches "$arm" otel &&
    ! grep -qF "opentelemetry-javaagent - version: $OTEL_JAR_VERSION" "$prefix.err"; then
    problem="ran without the OpenTelemetry agent starting (no version line on stderr)"
  elif ! attaches "$arm" otel && grep -qF '[otel.javaagent' "$prefix.err"; then
    problem="ran with an OpenTelemetry agent attached (JAVA_TOOL_OPTIONS?)"
  elif [[ ($arm == tether || $arm == both) && $TRACES_EXPORTER == console ]] &&
    ! grep -qF "'tether.derive'" "$prefix.err"; then
    problem="ran without Tether exporting its spans to the console"
  elif [[ $arm == untraced ]] && grep -qF "'tether.derive'" "$prefix.err"; then
    problem="exported Tether's spans, where -Dotel.traces.exporter=none turns them off"
  elif grep -qF '[tether] traces are not exported' "$prefix.err"; then
    problem="ran with Tether's trace export broken ($(grep -F '[tether] traces are not exported' "$prefix.err" | head -n 1))"
  fi
  [[ -z $problem ]] || die "start-up, arm $arm: the demo $problem; see $prefix.out and $prefix.err"
  FIRST_VERDICT[$kind]=${FIRST_VERDICT[$kind]:-$verdict}
}

# The named phases of a demo run's --timings file, in ms from the process's start, tab-separated.
phase_ms() {
  local file=$1 phase at values=()
  shift
  [[ -f $file ]] || die "the demo wrote no phase times to $file"
  for phase in "$@"; do
    at=$(awk -v phase="$phase" '$1 == phase { print $2 }' "$file")
    [[ $at =~ ^[0-9]+$ ]] || die "no time for phase '$phase' in $file"
    values+=("$((at - RUN_START_NS / 1000000))")
  done
  local IFS=$'\t'
  printf '%s' "${values[*]}"
}

startup_run() {
  local arm=$1 run=$2 record=$3 position=$4 load prefix phases
  jvm_args "$arm"
  load=$(load1)
  prefix="$OUT/logs/startup-$arm-$run"
  measure "$prefix" "${STARTUP_ENV[@]}" "$JAVA" "${STARTUP_OTEL[@]}" "${JVM_ARGS[@]+"${JVM_ARGS[@]}"}" \
    -jar "$DEMO_JAR" --timings "$prefix.phases"
  check_demo_run "$arm" "$prefix"
  phases=$(phase_ms "$prefix.phases" main ready done)
  if [[ $record == yes ]]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$arm" "$run" "$RUN_WALL_MS" "$RUN_USER_S" \
      "$RUN_SYS_S" "$RUN_RSS_KIB" "$RUN_EXIT" "$load" "$position" "$phases" >>"$STARTUP_TSV"
  fi
  echo "  start-up $arm #$run: ${RUN_WALL_MS} ms wall (main, ready, done at ${phases//$'\t'/, } ms), ${RUN_USER_S}+${RUN_SYS_S} s CPU, ${RUN_RSS_KIB} KiB RSS, exit $RUN_EXIT, load $load" >&2
}

startup_round() {
  local round=$1 label=$2 record=$3 index position=0
  for index in ${ROUND_ORDERS[$(((round - 1) % ${#ROUND_ORDERS[@]}))]}; do
    position=$((position + 1))
    startup_run "${STARTUP_ARMS[$index]}" "$label" "$record" "$position"
  done
}

# An empty main on the benchmark jar's class path (with its tether.yaml): the agent's cost alone.
# variant "premain" exits at once; "linger" stays LINGER_MS, so background start-up work counts.
empty_main_run() {
  local variant=$1 arm=$2 run=$3 load args=()
  [[ $variant == linger ]] && args=(--linger-ms "$LINGER_MS")
  jvm_args "$arm"
  load=$(load1)
  measure "$OUT/logs/$variant-$arm-$run" "$JAVA" "${JVM_ARGS[@]+"${JVM_ARGS[@]}"}" \
    -cp "$BENCH_JAR" dev.tether.bench.EmptyMain "${args[@]+"${args[@]}"}"
  [[ $RUN_EXIT -eq 0 ]] || die "the empty main ($variant, $arm) exited $RUN_EXIT; see $OUT/logs/$variant-$arm-$run.err"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$arm" "$run" "$RUN_WALL_MS" "$RUN_USER_S" \
    "$RUN_SYS_S" "$RUN_RSS_KIB" "$RUN_EXIT" "$load" >>"$OUT/$variant.tsv"
  echo "  empty main ($variant) $arm #$run: ${RUN_WALL_MS} ms wall, ${RUN_USER_S}+${RUN_SYS_S} s CPU, ${RUN_RSS_KIB} KiB RSS, load $load" >&2
}

# The value of "NAME value" in a benchmark's output.
figure() {
  awk -v name="$1" '$1 == name { print $2; found = 1 } END { if (!found) print "missing" }' "$2" | tail -n 1
}

warm_run() {
  local arm=$1 run=$2 load prefix out median best cpu first entry signed
  jvm_args "$arm"
  load=$(load1)
  prefix="$OUT/logs/warm-$arm-$run"
  # shellcheck disable=SC2086
  measure "$prefix" "$JAVA" "${JVM_ARGS[@]+"${JVM_ARGS[@]}"}" -jar "$BENCH_JAR" $BENCH_ARGS
  out="$prefix.out"
  [[ $RUN_EXIT -eq 0 ]] || die "the benchmark ($arm) exited $RUN_EXIT; see $prefix.err and $prefix.out"
  median=$(figure MEDIAN_US_PER_CALL "$out")
  cpu=$(figure CPU_US_PER_CALL "$out")
  first=$(figure FIRST_CALL_US "$out")
  entry=$(figure TOOL_ENTRY_US "$out")
  signed=$(figure SIGNED_WITH_VAULT_KEY "$out")
  best=$(awk '$1 == "ROUND_US_PER_CALL" { if (min == "" || $2 < min) min = $2 } END { print min }' "$out")
  [[ $median != missing ]] || die "no MEDIAN_US_PER_CALL in $out"
  if [[ $arm == agent && $signed != true ]]; then
    die "with the agent, not every timed request was signed with a Vault-issued key (SIGNED_WITH_VAULT_KEY $signed); see $out"
  fi
  if [[ $arm == none && $signed != false ]]; then
    die "without the agent, SIGNED_WITH_VAULT_KEY should be false, is $signed; see $out"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$arm" "$run" "$median" "$best" "$cpu" "$first" \
    "$entry" "$signed" "$RUN_WALL_MS" "$RUN_RSS_KIB" "$RUN_EXIT" "$load" >>"$WARM_TSV"
  echo "  warm call $arm #$run: median ${median} us/call (best round ${best}), CPU ${cpu} us/call, first call ${first} us, signed with Vault key: $signed, load $load" >&2
}

LOAD_BEFORE=$(cat /proc/loadavg)
echo "run-benchmarks: writing to $OUT" >&2

STARTED_AT=$SECONDS
echo "1. start-up of the demo: $WARMUP_RUNS untimed round(s), then $RUNS timed rounds of the arms ${STARTUP_ARMS[*]} (the order rotates); ${STARTUP_OTEL[*]}" >&2
for ((i = 1; i <= WARMUP_RUNS; i++)); do
  startup_round "$((i + 1))" "warmup$i" no
done
for ((i = 1; i <= RUNS; i++)); do
  startup_round "$i" "$i" yes
done
STARTUP_SECONDS=$((SECONDS - STARTED_AT))
echo "   start-up took ${STARTUP_SECONDS} s" >&2

if [[ $STARTUP_ONLY == 0 ]]; then
  echo "   attribution: $RUNS pairs of an empty main exiting at once, then $RUNS staying ${LINGER_MS} ms" >&2
  for variant in premain linger; do
    for ((i = 1; i <= RUNS; i++)); do
      empty_main_run "$variant" agent "$i"
      empty_main_run "$variant" none "$i"
    done
  done

  echo "2. warm S3 call: $BENCH_RUNS pairs of benchmark processes (agent, none, ...)" >&2
  for ((i = 1; i <= BENCH_RUNS; i++)); do
    warm_run agent "$i"
    warm_run none "$i"
  done
fi
LOAD_AFTER=$(cat /proc/loadavg)

# The machine and the exact inputs, for the report's header.
{
  echo "date_utc=$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "nproc=$(nproc)"
  echo "cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  echo "mem_total=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "kernel=$(uname -sr)"
  echo "java=$("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "jars=$(jar_ids)"
  echo "load_before=$LOAD_BEFORE"
  echo "load_after=$LOAD_AFTER"
  echo "runs=$RUNS"
  echo "bench_runs=$BENCH_RUNS"
  echo "warmup_runs=$WARMUP_RUNS"
  echo "linger_ms=$LINGER_MS"
  echo "bench_args=${BENCH_ARGS:-(defaults: --warmup 3000 --rounds 30 --calls 300)}"
  echo "java_opts=${JAVA_OPTS:-(none)}"
  echo "parts=$([[ $STARTUP_ONLY == 1 ]] && echo startup || echo all)"
  echo "otel_agent=$OTEL_JAR_VERSION"
  echo "startup_otel=${STARTUP_OTEL[*]}"
  echo "startup_arms=${STARTUP_ARMS[*]}"
  echo "startup_seconds=$STARTUP_SECONDS"
  echo "elapsed_seconds=$((SECONDS - STARTED_AT))"
} >"$OUT/machine.txt"

fi

set +e
python3 - "$OUT" "$STRICT_BARS" <<'PY'
import csv, random, statistics, sys
from pathlib import Path

out, strict = Path(sys.argv[1]), sys.argv[2] == "1"
machine = dict(line.split("=", 1) for line in (out / "machine.txt").read_text().splitlines())

def rows(name):
    """A table of figures; empty when this run did not measure that part (STARTUP_ONLY=1)."""
    if not (out / name).exists():
        return []
    with open(out / name, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))

def column(table, arm, key, scale=1.0):
    return [float(r[key]) * scale for r in table if r["arm"] == arm]

def fmt(value, digits):
    return f"{value:,.{digits}f}"

def signed(value, digits):
    return f"{'+' if value >= 0 else ''}{fmt(value, digits)}"

def bootstrap(a, n, statistic, resamples=10_000):
    """95 % interval of statistic(median(a), median(n)), resampling each arm's runs."""
    rng = random.Random(8)
    values = sorted(
        statistic(statistics.median(rng.choices(a, k=len(a))), statistics.median(rng.choices(n, k=len(n))))
        for _ in range(resamples))
    return values[int(0.025 * resamples)], values[int(0.975 * resamples) - 1]

def median_interval(values, resamples=10_000):
    """95 % interval of the median of values, resampling the values themselves."""
    rng = random.Random(8)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(resamples))
    return medians[int(0.025 * resamples)], medians[int(0.975 * resamples) - 1]

# Runs from before the four start-up arms called Tether's start-up arm "agent".
startup = [dict(r, arm="tether" if r["arm"] == "agent" else r["arm"]) for r in rows("startup.tsv")]
premain, linger, warm = rows("premain.tsv"), rows("linger.tsv"), rows("warm-call.tsv")
for r in startup + premain + linger:
    r["cpu_s"] = str(float(r["user_s"]) + float(r["sys_s"]))
    r["rss_mib"] = str(float(r["max_rss_kib"]) / 1024)
verdicts = []

def enough_runs(table, arms, key):
    return min(len(column(table, arm, key)) for arm in arms) >= 5

def verdict(met, interval_spans_bar, enough):
    if not enough:
        return "n/a (fewer than 5 runs per arm)"
    verdicts.append(met)
    text = "**met**" if met else "**NOT met**"
    return text + (" at the median; the 95 % CI spans the bar" if interval_spans_bar else "")

ARM_NAMES = {"none": "no agent", "noop": "no-op agent", "untraced": "Tether with traces off",
             "tether": "Tether", "otel": "OpenTelemetry agent",
             "otel-noop": "OpenTelemetry agent, then a no-op agent",
             "both": "both (OpenTelemetry agent, then Tether)"}
arms = [arm for arm in ARM_NAMES if column(startup, arm, "wall_ms")]
otel = "otel" in arms

lines = []
lines.append(f"## Run of {machine['date_utc']}")
lines.append("")
lines.append(f"- machine: {machine['nproc']} cores ({machine['cpu']}), {machine['mem_total']}, {machine['kernel']}")
lines.append(f"- JDK: `{machine['java']}`")
lines.append(f"- commit: {machine['commit']}; jars measured: {machine['jars'].strip().rstrip(';')}")
lines.append(f"- load average (1, 5, 15 min) before: {' '.join(machine['load_before'].split()[:3])}; after: {' '.join(machine['load_after'].split()[:3])}")
if otel or len(arms) > 2:
    names = ", ".join(ARM_NAMES[arm] for arm in arms)
    lines.append(
        f"- start-up: {machine['runs']} timed rounds after {machine['warmup_runs']} untimed round(s); each round runs "
        f"every arm once ({names}"
        + (f"; the OpenTelemetry Java agent {machine.get('otel_agent', '?')}" if otel else "")
        + "), "
        f"in an order that rotates from round to round; every arm with `{machine.get('startup_otel', '?')}`")
    if "noop" in arms or "otel-noop" in arms:
        lines.append("- the no-op agent (bench/noop-agent) registers a transformer that changes no class")
    if "untraced" in arms:
        lines.append("- Tether with traces off: Tether with `-Dotel.traces.exporter=none`, so it builds no OpenTelemetry SDK")
else:
    lines.append(f"- start-up: {machine['runs']} timed runs per arm after {machine['warmup_runs']} untimed pair(s)")
if warm:
    lines.append(f"- warm call: {machine['bench_runs']} processes per arm, benchmark arguments {machine['bench_args']}")
lines.append(f"- JVM options: {machine['java_opts']}")
lines.append("")

# 1. Start-up: every arm side by side, then what each agent adds.
metrics = [("wall time (ms)", "wall_ms", 0), ("CPU user+sys (s)", "cpu_s", 2), ("peak RSS (MiB)", "rss_mib", 1)]
BARS = {"wall_ms": (250, "≤ +250 ms"), "rss_mib": (40, "≤ +40 MiB")}
enough_startup = enough_runs(startup, arms, "wall_ms")

lines.append("### 1. Demo start-up, whole process (median of each arm; min–max in brackets)")
lines.append("")
lines.append("| figure | " + " | ".join(ARM_NAMES[arm] for arm in arms) + " |")
lines.append("|---|" + "---|" * len(arms))
for name, key, digits in metrics:
    cells = []
    for arm in arms:
        values = column(startup, arm, key)
        cells.append(f"{fmt(statistics.median(values), digits)} [{fmt(min(values), digits)}–{fmt(max(values), digits)}]")
    lines.append(f"| {name} | " + " | ".join(cells) + " |")
lines.append("")

# (arm, the arm it is compared with, what the difference is, whether Tether's bars apply)
comparisons = [
    ("noop", "none", "a no-op agent (no-op agent − no agent)", False),
    ("untraced", "none", "Tether with traces off (Tether with traces off − no agent)", False),
    ("tether", "none", "Tether (Tether − no agent)", True),
    ("otel", "none", "the OpenTelemetry agent (OpenTelemetry agent − no agent)", False),
    ("otel-noop", "otel", "a no-op agent beside the OpenTelemetry agent (OpenTelemetry agent, then a no-op agent − OpenTelemetry agent)", False),
    ("both", "otel", "Tether beside the OpenTelemetry agent (both − OpenTelemetry agent)", True),
]
comparisons = [c for c in comparisons if c[0] in arms and c[1] in arms]
lines.append("Added, as the difference of the two arms' medians (95 % CI; ratio of the medians):")
lines.append("")
lines.append("| added by | wall time (ms) | CPU user+sys (s) | peak RSS (MiB) | wall bar ≤ +250 ms | RSS bar ≤ +40 MiB |")
lines.append("|---|---|---|---|---|---|")
for arm, base, label, with_bars in comparisons:
    cells, met = [], []
    for name, key, digits in metrics:
        a, n = column(startup, arm, key), column(startup, base, key)
        ma, mn = statistics.median(a), statistics.median(n)
        low, high = bootstrap(a, n, lambda x, y: x - y)
        cells.append(f"{signed(ma - mn, digits)} ({fmt(low, digits)} to {fmt(high, digits)}; {ma / mn:.2f}×)")
        if key in BARS:
            bar = BARS[key][0]
            met.append(verdict(ma - mn <= bar, low <= bar < high, enough_startup) if with_bars else "–")
    lines.append(f"| {label} | " + " | ".join(cells) + " | " + " | ".join(met) + " |")
lines.append("")

def paired_differences(table, key, arm, base):
    """Each run of arm minus the run of base in the same round (they ran minutes apart at most)."""
    runs = {r["run"]: float(r[key]) for r in table if r["arm"] == arm}
    bases = {r["run"]: float(r[key]) for r in table if r["arm"] == base}
    return [runs[run] - bases[run] for run in runs if run in bases]

paired_lines = []
for arm, base, label, with_bars in comparisons:
    pairs = paired_differences(startup, "wall_ms", arm, base)
    if len(pairs) < 5:
        continue
    low, high = median_interval(pairs)
    paired = statistics.median(pairs)
    paired_lines.append(
        f"- {label}: the median of the {len(pairs)} per-round differences is {signed(paired, 0)} ms "
        f"(95 % CI {fmt(low, 0)} to {fmt(high, 0)}, bootstrap over the rounds)"
        + ("." if not with_bars else
           "; the bar holds on this view too." if high <= 250 else
           "; the bar is not met on this view either." if low > 250 else
           "; on this view the interval spans the bar."))
if paired_lines:
    lines.append(
        "Paired, as a check that drifting machine load is not what the tables show (each run minus "
        "the run of the other arm in the same round), wall time:")
    lines.append("")
    lines.extend(paired_lines)
    lines.append("")

# Phases of the run (since 2026-11-28): how much of each arm's difference comes before the demo is
# ready for its first tool call, and how much in the tool calls.
phased = bool(startup) and all(r.get("ready_ms") for r in startup)
if phased:
    for r in startup:
        r["agent_ms"] = str(float(r["done_ms"]) - float(r["ready_ms"]))
        r["after_ms"] = str(float(r["wall_ms"]) - float(r["done_ms"]))
    phases = [("fork to main", "main_ms"), ("fork to ready (the start-up proper)", "ready_ms"),
              ("ready to the last tool call's return", "agent_ms"), ("then to exit", "after_ms")]
    lines.append("### 1a. Phases of the run (ms, median of each arm)")
    lines.append("")
    lines.append("| phase | " + " | ".join(ARM_NAMES[arm] for arm in arms) + " |")
    lines.append("|---|" + "---|" * len(arms))
    for name, key in phases:
        lines.append(f"| {name} | " + " | ".join(fmt(statistics.median(column(startup, arm, key)), 0) for arm in arms) + " |")
    lines.append("")
    lines.append("Added per phase, as the median of the per-round differences (95 % CI, bootstrap over the rounds):")
    lines.append("")
    lines.append("| added by | " + " | ".join(name for name, _ in phases) + " |")
    lines.append("|---|" + "---|" * len(phases))
    for arm, base, label, with_bars in comparisons:
        cells = []
        for name, key in phases:
            pairs = paired_differences(startup, key, arm, base)
            low, high = median_interval(pairs)
            cells.append(f"{signed(statistics.median(pairs), 0)} ({fmt(low, 0)} to {fmt(high, 0)})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Ready is when the demo's own stack (the Vault, s3proxy, the code host), its environment and "
        "the task's grant are up, and the coding agent is built next: the application's start-up. "
        "The bars are judged on the whole run above, as issue 2 and issue 6 set them.")
    lines.append("")

def process_table(table, title):
    """An attribution table: the empty main with and without Tether."""
    lines.append(title)
    lines.append("")
    lines.append("| figure | without agent | with agent | added by the agent (95 % CI) | ratio |")
    lines.append("|---|---|---|---|---|")
    for name, key, digits in metrics:
        a, n = column(table, "agent", key), column(table, "none", key)
        ma, mn = statistics.median(a), statistics.median(n)
        low, high = bootstrap(a, n, lambda x, y: x - y)
        lines.append(
            f"| {name} | {fmt(mn, digits)} [{fmt(min(n), digits)}–{fmt(max(n), digits)}] "
            f"| {fmt(ma, digits)} [{fmt(min(a), digits)}–{fmt(max(a), digits)}] "
            f"| {signed(ma - mn, digits)} ({fmt(low, digits)} to {fmt(high, digits)}) "
            f"| {ma / mn:.2f}× |")
    lines.append("")

if premain:
    process_table(premain, "### 1b. For attribution: an empty main on the benchmark jar that exits at once: premain on the main thread (median; min–max)")
if linger:
    process_table(linger, f"### 1c. For attribution: the same empty main staying {machine['linger_ms']} ms: all of the agent's start-up work, background threads included (CPU and RSS count; wall is mostly the wait)")

# 2. Warm call.
if warm:
    enough_warm = enough_runs(warm, ["agent", "none"], "median_us")
    a_med, n_med = column(warm, "agent", "median_us"), column(warm, "none", "median_us")
    a_best, n_best = column(warm, "agent", "best_round_us"), column(warm, "none", "best_round_us")
    ma, mn = statistics.median(a_med), statistics.median(n_med)
    ratio = ma / mn
    pairs = [x / y for x, y in zip(a_med, n_med)]
    lines.append("### 2. Warm S3 GetObject on loopback, µs per call (median over processes of each process's median round; min–max in brackets)")
    lines.append("")
    lines.append("| figure | without agent | with agent | added by the agent | ratio (95 % CI) | bar | bar met |")
    lines.append("|---|---|---|---|---|---|---|")
    r_low, r_high = bootstrap(a_med, n_med, lambda x, y: x / y)
    b_low, b_high = bootstrap(a_best, n_best, lambda x, y: x / y)
    lines.append(
        f"| median µs/call | {fmt(mn, 1)} [{fmt(min(n_med), 1)}–{fmt(max(n_med), 1)}] "
        f"| {fmt(ma, 1)} [{fmt(min(a_med), 1)}–{fmt(max(a_med), 1)}] "
        f"| {ma - mn:+,.1f} µs ({(ratio - 1) * 100:+.1f} %) | {ratio:.3f} ({r_low:.3f}–{r_high:.3f}) | ≤ +2 % | {verdict(ratio <= 1.02, r_low <= 1.02 < r_high, enough_warm)} |")
    mba, mbn = statistics.median(a_best), statistics.median(n_best)
    lines.append(
        f"| best round µs/call (least disturbed by other load) | {fmt(mbn, 1)} [{fmt(min(n_best), 1)}–{fmt(max(n_best), 1)}] "
        f"| {fmt(mba, 1)} [{fmt(min(a_best), 1)}–{fmt(max(a_best), 1)}] "
        f"| {mba - mbn:+,.1f} µs ({(mba / mbn - 1) * 100:+.1f} %) | {mba / mbn:.3f} ({b_low:.3f}–{b_high:.3f}) | – | – |")
    a_cpu, n_cpu = column(warm, "agent", "cpu_us"), column(warm, "none", "cpu_us")
    mca, mcn = statistics.median(a_cpu), statistics.median(n_cpu)
    c_low, c_high = bootstrap(a_cpu, n_cpu, lambda x, y: x / y)
    lines.append(
        f"| process CPU µs/call over the timed rounds (client + S3 server + Vault) | {fmt(mcn, 1)} [{fmt(min(n_cpu), 1)}–{fmt(max(n_cpu), 1)}] "
        f"| {fmt(mca, 1)} [{fmt(min(a_cpu), 1)}–{fmt(max(a_cpu), 1)}] "
        f"| {mca - mcn:+,.1f} µs ({(mca / mcn - 1) * 100:+.1f} %) | {mca / mcn:.3f} ({c_low:.3f}–{c_high:.3f}) | – | – |")
    lines.append("")
    lines.append(
        f"Pairwise ratios (agent process ÷ the no-agent process run right after it): "
        f"{', '.join(f'{p:.3f}' for p in pairs)}; median {statistics.median(pairs):.3f}.")
    fa, fn = column(warm, "agent", "first_call_us", 0.001), column(warm, "none", "first_call_us", 0.001)
    ea, en = column(warm, "agent", "tool_entry_us", 0.001), column(warm, "none", "tool_entry_us", 0.001)
    lines.append("")
    lines.append(
        f"Cold path, for reference (medians): the first GetObject of the process took "
        f"{statistics.median(fn):.0f} ms without the agent and {statistics.median(fa):.0f} ms with it "
        f"(the agent obtains the tool's credentials from the Vault there); entering the first tool "
        f"call took {statistics.median(en):.3f} ms without and {statistics.median(ea):.1f} ms with the agent. "
        f"Every timed request of every agent process was signed with a key the Vault issued for the tool.")
    lines.append("")
lines.append(
    "95 % intervals: bootstrap over the runs of each arm (10,000 resamples of each arm's runs; "
    "the statistic is the difference or ratio of the two medians). An interval that contains "
    "the bar means this run cannot tell whether the bar is met.")
lines.append("")

report = "\n".join(lines)
(out / "results.md").write_text(report)
(out.parent / "latest.md").write_text(report)
print(report)
# Only bars judged on at least 5 runs per arm count (verdict() records nothing otherwise).
sys.exit(3 if strict and not all(verdicts) else 0)
PY
status=$?
set -e
echo "run-benchmarks: raw figures and logs in $OUT; report in $OUT/results.md (also $OUT_DIR/latest.md)" >&2
exit $status
