#!/usr/bin/env bash
# Tokenmeter live demo: the whole pipeline on this machine, on embedded defaults, in about a minute.
#
#   fake LLM provider  <-  demo app (real OpenAI + Anthropic Java SDKs, under -javaagent + extension)
#                              |  OTLP http/protobuf
#                              v
#                       collector-processor (prices, attributes, budgets, SQLite ledger, /metrics, /api/v1)
#                              |  scrape (if prometheus + alertmanager are installed)
#                              v
#                       Prometheus (shipped rules) -> Alertmanager (shipped config) -> local webhook
#
# Usage: ./demo.sh [--no-build] [--no-prometheus] [--keep] [--summary-file FILE] [--help]
# Every process it starts is stopped on exit or Ctrl-C. Exit code 0 when the pipeline worked end to end.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: ./demo.sh [options]

Runs the Tokenmeter demo: a fake LLM provider, the collector-processor (SQLite ledger, demo budgets),
a demo app calling the real OpenAI and Anthropic Java SDKs under the OpenTelemetry javaagent with the
Tokenmeter extension, and, when `prometheus` and `prometheus-alertmanager` (or `alertmanager`) are on
the PATH, Prometheus with the shipped rules and Alertmanager with the shipped config, delivering budget
alerts to a local webhook. Prints progress, then a report. Builds what is missing first (Maven).

Options:
  --no-build            never run Maven; fail if dist/ or demo/target/ is missing
                        (also: TOKENMETER_DEMO_SKIP_BUILD=1)
  --no-prometheus       do not start Prometheus/Alertmanager even if installed
  --keep                leave everything running after the report, until Ctrl-C
  --summary-file FILE   also write the report as key=value lines to FILE
  -h, --help            this text
EOF
}

# ---------------------------------------------------------------------------------------- options
SKIP_BUILD="${TOKENMETER_DEMO_SKIP_BUILD:-0}"
USE_PROMETHEUS=1
KEEP=0
SUMMARY_FILE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) SKIP_BUILD=1 ;;
    --no-prometheus) USE_PROMETHEUS=0 ;;
    --keep) KEEP=1 ;;
    --summary-file) [ $# -ge 2 ] || { echo "demo.sh: --summary-file needs a path" >&2; exit 2; }
                    SUMMARY_FILE="$2"; shift ;;
    --summary-file=*) SUMMARY_FILE="${1#--summary-file=}" ;;
    -h|--help) usage; exit 0 ;;
    *) echo "demo.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -n "$SUMMARY_FILE" ]; then
  case "$SUMMARY_FILE" in /*) ;; *) SUMMARY_FILE="$PWD/$SUMMARY_FILE" ;; esac
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
T0=$SECONDS

say()  { printf '\n==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
elapsed() { echo "$((SECONDS - T0))s"; }

WORK=""
fail() {
  printf '\ndemo.sh: FAILED: %s\n' "$*" >&2
  if [ -n "$WORK" ]; then printf 'demo.sh: logs and config are in %s\n' "$WORK" >&2; fi
  if [ -n "$SUMMARY_FILE" ]; then
    printf 'result=failed\nfailures=%s\n' "$*" >"$SUMMARY_FILE" 2>/dev/null || true
  fi
  exit 1
}

# Settings of the user's shell must not reconfigure the demo's processes.
for v in $(compgen -e); do
  case "$v" in TOKENMETER_*|OTEL_*) unset "$v" ;; esac
done

# ---------------------------------------------------------------------------------- prerequisites
JAVA="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; fi
if ! command -v "$JAVA" >/dev/null 2>&1; then
  fail "Java not found. Install a JDK 17 or later (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) and put 'java' on the PATH."
fi
JAVA_VERSION="$("$JAVA" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -1)"
JAVA_MAJOR="${JAVA_VERSION%%.*}"
if [ "$JAVA_MAJOR" = "1" ]; then JAVA_MAJOR="$(echo "$JAVA_VERSION" | cut -d. -f2)"; fi
if ! [ "$JAVA_MAJOR" -ge 17 ] 2>/dev/null; then
  fail "Java 17 or later is needed, found '${JAVA_VERSION:-unknown}' ($JAVA)."
fi

# ------------------------------------------------------------------------------------------ build
DIST_AGENT="$ROOT/dist/opentelemetry-javaagent.jar"
DIST_EXTENSION="$ROOT/dist/tokenmeter-agent-extension.jar"
DIST_PROCESSOR="$ROOT/dist/tokenmeter-collector-processor.jar"
demo_jar() { # the demo module's jar (not its -sources/-tests jars), or nothing
  local j
  for j in "$ROOT"/demo/target/tokenmeter-demo-*.jar; do
    case "$j" in *-sources.jar|*-tests.jar) ;; *) [ -f "$j" ] && { echo "$j"; return; } ;; esac
  done
}

build_reason() {
  local f oldest=""
  for f in "$DIST_AGENT" "$DIST_EXTENSION" "$DIST_PROCESSOR"; do
    [ -f "$f" ] || { echo "${f#"$ROOT"/} is missing"; return; }
  done
  [ -n "$(demo_jar)" ] || { echo "the demo jar is missing"; return; }
  [ -f "$ROOT/demo/target/classpath.txt" ] || { echo "demo/target/classpath.txt is missing"; return; }
  # The oldest artifact against every source and pom it is built from.
  oldest="$DIST_EXTENSION"
  for f in "$DIST_PROCESSOR" "$(demo_jar)"; do
    [ "$f" -ot "$oldest" ] && oldest="$f"
  done
  f="$(find "$ROOT/pom.xml" "$ROOT/dist/pom.xml" \
         "$ROOT"/pricing "$ROOT"/agent-extension "$ROOT"/collector-processor "$ROOT"/demo \
         \( -path '*/target' -o -path "$ROOT/demo/config" \) -prune -o \
         \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$oldest" -print 2>/dev/null | head -1)"
  [ -z "$f" ] || echo "${f#"$ROOT"/} is newer than ${oldest#"$ROOT"/}"
}

REASON="$(build_reason)"
if [ -n "$REASON" ]; then
  if [ "$SKIP_BUILD" = "1" ]; then
    case "$REASON" in
      *missing*) fail "--no-build, but $REASON: run 'mvn -B -DskipTests package' first." ;;
      *) info "note: $REASON (not rebuilding: --no-build)" ;;
    esac
  else
    if ! command -v mvn >/dev/null 2>&1; then
      fail "Maven not found, and the demo needs a build ($REASON). Install Maven 3.8+ (Debian/Ubuntu: apt-get install maven) and put 'mvn' on the PATH."
    fi
    say "Building ($REASON): mvn -q -B -DskipTests -pl dist,demo -am package  [the first build downloads dependencies: a few minutes]"
    BUILD_T0=$SECONDS
    if ! mvn -q -B -DskipTests -pl dist,demo -am package; then
      fail "the Maven build failed (see above)."
    fi
    # A jar Maven found up to date keeps its old time; mark all as built from these sources.
    touch "$DIST_EXTENSION" "$DIST_PROCESSOR" "$(demo_jar)"
    info "built in $((SECONDS - BUILD_T0))s"
  fi
fi
DEMO_JAR="$(demo_jar)"
CP="$DEMO_JAR:$(cat "$ROOT/demo/target/classpath.txt")"
T0=$SECONDS   # the demo proper starts here

# -------------------------------------------------------------------------------- processes
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tokenmeter-demo.XXXXXX")"
PIDS=()
NAMES=()
HAVE_SETSID=0
command -v setsid >/dev/null 2>&1 && HAVE_SETSID=1

# start NAME LOG cmd...: in its own process group (setsid), output to LOG; sets LAST_PID.
start() {
  local name="$1" log="$2"; shift 2
  if [ "$HAVE_SETSID" = 1 ]; then
    setsid "$@" >"$log" 2>&1 </dev/null &
  else
    "$@" >"$log" 2>&1 </dev/null &
  fi
  LAST_PID=$!
  PIDS+=("$LAST_PID")
  NAMES+=("$name")
}

alive() { kill -0 "$1" 2>/dev/null; }

signal() { # signal SIG PID: the process group when it has one of its own, else the process
  if [ "$HAVE_SETSID" = 1 ]; then kill -s "$1" -- "-$2" 2>/dev/null || kill -s "$1" "$2" 2>/dev/null || true
  else kill -s "$1" "$2" 2>/dev/null || true; fi
}

# stop PID [SECONDS]: SIGTERM (lets the agent flush, the processor drain), then SIGKILL.
stop() {
  local pid="$1" grace="${2:-10}" i
  alive "$pid" || return 0
  signal TERM "$pid"
  for ((i = 0; i < grace * 10; i++)); do
    alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  signal KILL "$pid"
  wait "$pid" 2>/dev/null || true
}

CLEANED=0
cleanup() {
  local rc=$? i
  [ "$CLEANED" = 1 ] && return
  CLEANED=1
  trap - INT TERM
  local running=()
  for ((i = 0; i < ${#PIDS[@]}; i++)); do
    alive "${PIDS[$i]}" && running+=("${NAMES[$i]}")
  done
  if [ "${#running[@]}" -gt 0 ]; then
    printf '\n==> Stopping the demo processes (%s)\n' "${running[*]}"
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
      alive "${PIDS[$i]}" && signal TERM "${PIDS[$i]}"
    done
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop "${PIDS[$i]}" 8; done
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'printf "\ndemo.sh: interrupted\n" >&2; exit 130' INT
trap 'printf "\ndemo.sh: terminated\n" >&2; exit 143' TERM

# wait_line LOG REGEX PID WHAT [TIMEOUT]: prints the first match of REGEX (sed -E, one group).
wait_line() {
  local log="$1" re="$2" pid="$3" what="$4" timeout="${5:-60}" i m
  for ((i = 0; i < timeout * 10; i++)); do
    m="$(sed -n -E "s#.*${re}.*#\\1#p" "$log" 2>/dev/null | head -1)"
    if [ -n "$m" ]; then echo "$m"; return 0; fi
    if ! alive "$pid"; then
      echo "---- $log" >&2; tail -n 30 "$log" >&2 || true
      fail "$what exited during start-up (log: $log)"
    fi
    sleep 0.1
  done
  echo "---- $log" >&2; tail -n 30 "$log" >&2 || true
  fail "$what did not start within ${timeout}s (log: $log)"
}

http_ok() { # http_ok URL: 0 when it answers 200
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
  else
    local hp="${1#http://}" path; path="/${hp#*/}"; hp="${hp%%/*}"
    (exec 3<>"/dev/tcp/${hp%%:*}/${hp##*:}" && printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hp" >&3 \
      && head -1 <&3 | grep -q ' 200') 2>/dev/null
  fi
}

wait_http() { # wait_http URL PID WHAT LOG [TIMEOUT]
  local i
  for ((i = 0; i < ${5:-30} * 10; i++)); do
    http_ok "$1" && return 0
    alive "$2" || { tail -n 30 "$4" >&2 || true; fail "$3 exited during start-up (log: $4)"; }
    sleep 0.1
  done
  tail -n 30 "$4" >&2 || true
  fail "$3 did not become ready within ${5:-30}s (log: $4)"
}

free_ports() { # free_ports N: N free loopback ports, space-separated (python3 if it works, else Java)
  local ports=""
  if command -v python3 >/dev/null 2>&1; then
    ports="$(python3 - "$1" 2>/dev/null <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
)" || ports=""
  fi
  if [ -z "$ports" ]; then
    ports="$("$JAVA" "${TOOL_JVM[@]}" -cp "$CP" io.tokenmeter.demo.app.FreePorts "$1" | tr '\n' ' ')"
  fi
  echo "$ports"
}

TOOL_JVM=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k)

# ------------------------------------------------------------------- Prometheus and Alertmanager?
PROMETHEUS_BIN=""
ALERTMANAGER_BIN=""
if [ "$USE_PROMETHEUS" = 1 ]; then
  PROMETHEUS_BIN="$(command -v prometheus || true)"
  ALERTMANAGER_BIN="$(command -v prometheus-alertmanager || command -v alertmanager || true)"
  if [ -z "$PROMETHEUS_BIN" ] || [ -z "$ALERTMANAGER_BIN" ]; then
    cat <<'EOF'

    **************************************************************************************************
    *  Prometheus and/or Alertmanager are not on the PATH: running WITHOUT them (no alert pipeline). *
    *  To see budget alerts delivered end to end: apt-get install prometheus prometheus-alertmanager *
    **************************************************************************************************
EOF
    USE_PROMETHEUS=0
  fi
fi

say "Tokenmeter demo ($(elapsed)): work dir $WORK"

# ----------------------------------------------------- fake provider, processor, webhook (parallel)
say "Starting the fake LLM provider (OpenAI- and Anthropic-compatible) and the collector-processor (SQLite ledger, demo budgets)"
start provider "$WORK/provider.log" "$JAVA" "${TOOL_JVM[@]}" -cp "$CP" \
  io.tokenmeter.demo.provider.FakeLlmProviderMain --port 0
PROVIDER_PID=$LAST_PID

cat >"$WORK/tokenmeter.yaml" <<EOF
# Generated by demo.sh: loopback only, OS-chosen ports, the ledger in the work dir.
server:
  bind_address: 127.0.0.1
  otlp_http_port: 0
  otlp_grpc_port: 0
  metrics_port: 0
  shutdown_timeout_seconds: 5
ledger:
  path: $WORK/tokenmeter-ledger.db
  flush_interval_millis: 500
budgets_reload_interval_seconds: 0

# ---- from demo/config/demo-budgets.yaml
EOF
cat "$ROOT/demo/config/demo-budgets.yaml" >>"$WORK/tokenmeter.yaml"
start processor "$WORK/processor.log" "$JAVA" -jar "$DIST_PROCESSOR" --config "$WORK/tokenmeter.yaml"
PROCESSOR_PID=$LAST_PID

if [ "$USE_PROMETHEUS" = 1 ]; then
  start webhook "$WORK/webhook.log" "$JAVA" "${TOOL_JVM[@]}" -cp "$CP" \
    io.tokenmeter.demo.app.WebhookReceiver --out "$WORK/alerts.jsonl"
  WEBHOOK_PID=$LAST_PID
fi

PROVIDER_URL="$(wait_line "$WORK/provider.log" 'listening on (http://[^ ]+)' "$PROVIDER_PID" "the fake provider")" || exit 1
info "fake provider  $PROVIDER_URL"
PORTS="$(wait_line "$WORK/processor.log" 'otlp_http=[^ ]*:([0-9]+ otlp_grpc=[^ ]*:[0-9]+ metrics=[^ ]*:[0-9]+)' "$PROCESSOR_PID" "the collector-processor")" || exit 1
OTLP_PORT="${PORTS%% *}"
METRICS_PORT="${PORTS##*:}"
OTLP_URL="http://127.0.0.1:$OTLP_PORT"
PROCESSOR_URL="http://127.0.0.1:$METRICS_PORT"
wait_http "$PROCESSOR_URL/readyz" "$PROCESSOR_PID" "the collector-processor" "$WORK/processor.log"
info "processor      OTLP $OTLP_URL   metrics + API $PROCESSOR_URL"

# -------------------------------------------------------------------- Prometheus + Alertmanager
PROMETHEUS_URL=""
ALERTMANAGER_URL=""
if [ "$USE_PROMETHEUS" = 1 ]; then
  say "Starting Alertmanager (shipped config, receivers -> local webhook) and Prometheus (shipped rules)"
  WEBHOOK_URL="$(wait_line "$WORK/webhook.log" 'listening on (http://[^ ]+)' "$WEBHOOK_PID" "the webhook receiver")" || exit 1
  # The webhook prints each alert it gets; show those lines live.
  tail -n +2 -f "$WORK/webhook.log" &
  TAIL_PID=$!
  PIDS+=("$TAIL_PID"); NAMES+=(tail)

  read -r AM_PORT PROM_PORT < <(free_ports 2)
  [ -n "${PROM_PORT:-}" ] || fail "could not find two free loopback ports for Prometheus and Alertmanager"
  ALERTMANAGER_URL="http://127.0.0.1:$AM_PORT"
  PROMETHEUS_URL="http://127.0.0.1:$PROM_PORT"

  # Alertmanager: the shipped file with its example webhook URL pointed at ours (the one substitution
  # the file documents), the shipped templates next to it.
  mkdir -p "$WORK/alertmanager/data"
  cp -R "$ROOT/dashboards/alertmanager/templates" "$WORK/alertmanager/"
  sed "s#http://127.0.0.1:9099/alerts#$WEBHOOK_URL#g" "$ROOT/dashboards/alertmanager/alertmanager.yml" \
    >"$WORK/alertmanager/alertmanager.yml"
  grep -q "$WEBHOOK_URL" "$WORK/alertmanager/alertmanager.yml" \
    || fail "dashboards/alertmanager/alertmanager.yml no longer contains http://127.0.0.1:9099/alerts to point at the demo webhook"
  start alertmanager "$WORK/alertmanager.log" "$ALERTMANAGER_BIN" \
    --config.file="$WORK/alertmanager/alertmanager.yml" \
    --storage.path="$WORK/alertmanager/data" \
    --web.listen-address="127.0.0.1:$AM_PORT" \
    --cluster.listen-address= \
    --log.level=warn
  ALERTMANAGER_PID=$LAST_PID

  # Prometheus: like dashboards/prometheus/prometheus.yml, with the demo's ports and 2 s intervals.
  mkdir -p "$WORK/prometheus/data"
  cat >"$WORK/prometheus/prometheus.yml" <<EOF
# Generated by demo.sh from dashboards/prometheus/prometheus.yml: the shipped rules, the demo's ports,
# 2 s scrape and evaluation intervals so budget alerts fire within seconds.
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files:
  - $ROOT/dashboards/prometheus/rules/*.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$AM_PORT']
scrape_configs:
  - job_name: tokenmeter-processor
    static_configs:
      - targets: ['127.0.0.1:$METRICS_PORT']
EOF
  start prometheus "$WORK/prometheus.log" "$PROMETHEUS_BIN" \
    --config.file="$WORK/prometheus/prometheus.yml" \
    --storage.tsdb.path="$WORK/prometheus/data" \
    --web.listen-address="127.0.0.1:$PROM_PORT" \
    --log.level=warn
  PROMETHEUS_PID=$LAST_PID
fi

# ---------------------------------------------------------------------- the demo app under the agent
say "Starting the demo app under -javaagent with the Tokenmeter extension (OpenAI + Anthropic SDKs)"
start app "$WORK/app.log" "$JAVA" \
  -javaagent:"$DIST_AGENT" \
  -Dotel.javaagent.extensions="$DIST_EXTENSION" \
  -Dotel.service.name=demo-assistant \
  -Dotel.exporter.otlp.endpoint="$OTLP_URL" \
  -Dotel.exporter.otlp.protocol=http/protobuf \
  -Dotel.metrics.exporter=none \
  -Dotel.logs.exporter=none \
  -Dotel.bsp.schedule.delay=200 \
  -XX:TieredStopAtLevel=1 \
  -cp "$CP" io.tokenmeter.demo.app.DemoApp --provider "$PROVIDER_URL"
APP_PID=$LAST_PID

if [ "$USE_PROMETHEUS" = 1 ]; then
  wait_http "$ALERTMANAGER_URL/-/ready" "$ALERTMANAGER_PID" "Alertmanager" "$WORK/alertmanager.log"
  info "alertmanager   $ALERTMANAGER_URL   (receivers -> $WEBHOOK_URL)"
  wait_http "$PROMETHEUS_URL/-/ready" "$PROMETHEUS_PID" "Prometheus" "$WORK/prometheus.log"
  info "prometheus     $PROMETHEUS_URL   (rules: dashboards/prometheus/rules/*.yml, scraping the processor)"
fi
APP_URL="$(wait_line "$WORK/app.log" 'demo-app listening on (http://[^ ]+)' "$APP_PID" "the demo app" 90)" || exit 1
info "demo app       $APP_URL   (service.name=demo-assistant; started in $(elapsed))"

# ------------------------------------------------------------------------------------ the traffic
say "Sending traffic: 6 users, 7 models, streaming, provider errors, a LangChain4j agent, one runaway session ($(elapsed))"
info "gateway-style W3C baggage (user.id, session.id) for alice, bob, carol; the SDK request's own"
info "user field for dave (OpenAI user) and erin (Anthropic metadata.user_id); frank via LangChain4j"
if ! "$JAVA" "${TOOL_JVM[@]}" -cp "$CP" io.tokenmeter.demo.app.DemoDriver \
      --app "$APP_URL" --processor "$PROCESSOR_URL" --result-file "$WORK/driver.result"; then
  fail "the traffic driver failed (app log: $WORK/app.log)"
fi

say "Stopping the demo app (the agent exports its last spans on shutdown) ($(elapsed))"
stop "$APP_PID" 20

# ---------------------------------------------------------------------------------------- report
say "Collecting the report ($(elapsed))"
REPORT_ARGS=(--processor "$PROCESSOR_URL" --otlp "$OTLP_URL" --driver-result "$WORK/driver.result"
             --ledger "$WORK/tokenmeter-ledger.db" --config "$WORK/tokenmeter.yaml" --work-dir "$WORK"
             --processor-jar "${DIST_PROCESSOR#"$ROOT"/}")
[ -n "$SUMMARY_FILE" ] && REPORT_ARGS+=(--summary-file "$SUMMARY_FILE")
if [ "$USE_PROMETHEUS" = 1 ]; then
  REPORT_ARGS+=(--prometheus "$PROMETHEUS_URL" --alertmanager "$ALERTMANAGER_URL"
                --webhook-file "$WORK/alerts.jsonl" --alert-timeout 60)
fi
set +e
"$JAVA" "${TOOL_JVM[@]}" -cp "$CP" io.tokenmeter.demo.app.DemoReport "${REPORT_ARGS[@]}"
REPORT_RC=$?
set -e
if [ -n "$SUMMARY_FILE" ] && [ -f "$SUMMARY_FILE" ]; then
  printf 'demo_seconds=%s\nwork_dir=%s\n' "$((SECONDS - T0))" "$WORK" >>"$SUMMARY_FILE"
fi
if [ "$REPORT_RC" != 0 ]; then # (the summary file keeps the report's details)
  printf '\ndemo.sh: FAILED: the pipeline did not work end to end (see FAILED above)\n' >&2
  printf 'demo.sh: logs and config are in %s\n' "$WORK" >&2
  exit 1
fi

if [ "$KEEP" = 1 ]; then
  say "Everything is still running (--keep). Explore the URLs above; Ctrl-C stops it all."
  while alive "$PROCESSOR_PID"; do sleep 1; done
  fail "the collector-processor stopped"
fi
say "Demo finished in $(elapsed): OK"
