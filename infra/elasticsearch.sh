#!/usr/bin/env bash
# A local single-node Elasticsearch for development and CI.
#
# usage: infra/elasticsearch.sh up|down|status
#
# There is no Debian package and no download site within reach, so the server comes from
# Maven Central's integ-test-zip: a real Elasticsearch without a bundled JDK (it runs on the
# machine's Java 17) and with only four modules (x-pack-core, x-pack-security,
# transport-netty4, apm). So: no painless scripts, no _delete_by_query/_reindex, no ingest
# processors, no extra analyzers, no `GET /` info endpoint; the Compose file runs the full image.
# The zip and its unpacked copy are cached under $STACK_HOME/elasticsearch, so only the first
# `up` needs the network.
#
# Environment (all optional):
#   ES_VERSION        8.19.9
#   ES_PORT           9200 (HTTP, bound to 127.0.0.1)
#   ES_JAVA_OPTS      -Xms512m -Xmx512m
#   ES_START_TIMEOUT  120 (seconds to wait for yellow/green)
#   ES_USER           elasticsearch (the system user it runs as when we are root: ES refuses root)
#   STACK_HOME        ${XDG_CACHE_HOME:-$HOME/.cache}/rate-runner
set -euo pipefail

# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ES_VERSION="${ES_VERSION:-8.19.9}"
ES_PORT="${ES_PORT:-9200}"
ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-120}"
ES_USER="${ES_USER:-elasticsearch}"

ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
ES_DIR="$STACK_HOME/elasticsearch"
ES_ZIP="$ES_DIR/cache/elasticsearch-$ES_VERSION.zip"
ES_HOME="$ES_DIR/elasticsearch-$ES_VERSION"
ES_DATA="$ES_DIR/data"
ES_LOGS="$ES_DIR/logs"
ES_RUN="$ES_DIR/run"
# Written by Elasticsearch itself (-p); its presence means this script started the server.
ES_PIDFILE="$ES_RUN/elasticsearch.pid"
ES_URL="http://127.0.0.1:$ES_PORT"
# The server log is named after the cluster.
ES_CLUSTER=rate-runner

log_es() { log elasticsearch "$@"; }
die_es() { die elasticsearch "$@"; }

healthy() {
  curl -s --max-time 5 "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null |
    grep -Eq '"status":"(yellow|green)"'
}

# Prints the pid of the server we started, if it is still alive. Checking the command line
# guards against a stale pidfile whose pid now belongs to another process.
our_pid() {
  local pid
  [[ -f "$ES_PIDFILE" ]] || return 1
  pid=$(<"$ES_PIDFILE")
  [[ "$pid" =~ ^[0-9]+$ ]] && grep -qa 'org.elasticsearch' "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# Runs a command as the user Elasticsearch runs as: ES_USER when we are root, else ourselves.
as_es_user() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

ensure_java() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  # The integ-test-zip has no bundled JDK: point it at the machine's.
  ES_JAVA_HOME="${ES_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
}

# Fetches (once) and unpacks (once) the distribution into the cache.
ensure_distribution() {
  [[ -x "$ES_HOME/bin/elasticsearch" ]] && return
  if [[ ! -f "$ES_ZIP" ]]; then
    command -v mvn >/dev/null || apt_install maven
    log_es "fetching $ES_ARTIFACT with Maven"
    local download="$ES_DIR/cache/download"
    rm -rf "$download"
    mkdir -p "$download"
    # The plugin version is pinned: a bare `dependency:` prefix resolves whatever is newest.
    if ! mvn -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$download" -Dtransitive=false \
      >"$ES_DIR/cache/maven.log" 2>&1; then
      tail -n 40 "$ES_DIR/cache/maven.log" >&2
      die_es "Maven could not fetch $ES_ARTIFACT (full log: $ES_DIR/cache/maven.log)"
    fi
    mv "$download/elasticsearch-$ES_VERSION.zip" "$ES_ZIP"
    rmdir "$download"
  fi
  command -v unzip >/dev/null || apt_install unzip
  log_es "unpacking $(basename "$ES_ZIP")"
  # Unpack beside the target and rename, so an interrupted unzip never looks like an install.
  local staging="$ES_DIR/unpack"
  rm -rf "$staging"
  mkdir -p "$staging"
  unzip -q "$ES_ZIP" -d "$staging"
  mv "$staging/elasticsearch-$ES_VERSION" "$ES_HOME"
  rmdir "$staging"
}

# As root: Elasticsearch refuses to run as root, so it runs as a system user that must own
# its install (it writes a keystore into config/), data, logs and pidfile directories, and
# must be able to reach them through the state dir's parents (e.g. /root is mode 700).
prepare_user() {
  [[ $EUID -eq 0 ]] || return 0
  if ! id -u "$ES_USER" >/dev/null 2>&1; then
    log_es "creating system user $ES_USER"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
  fi
  chown -R "$ES_USER:" "$ES_HOME" "$ES_DATA" "$ES_LOGS" "$ES_RUN"
  local dir="" part
  local -a parts
  IFS=/ read -ra parts <<<"${ES_DIR#/}"
  for part in "${parts[@]}"; do
    dir="$dir/$part"
    if ! runuser -u "$ES_USER" -- test -x "$dir"; then
      log_es "granting search permission (o+x, no listing) on $dir so $ES_USER can reach $ES_DIR"
      chmod o+x "$dir"
    fi
  done
}

print_log_tail() {
  local file
  for file in "$ES_LOGS/console.log" "$ES_LOGS/$ES_CLUSTER.log"; do
    [[ -s "$file" ]] || continue
    echo "----- last lines of $file -----" >&2
    tail -n 40 "$file" >&2
  done
}

wait_until_healthy() {
  local started=$SECONDS elapsed
  until healthy; do
    elapsed=$((SECONDS - started))
    if ! our_pid >/dev/null; then
      print_log_tail
      die_es "the server exited during start-up (logs: $ES_LOGS)"
    fi
    if ((elapsed >= ES_START_TIMEOUT)); then
      print_log_tail
      die_es "not yellow/green after ${ES_START_TIMEOUT}s (logs: $ES_LOGS; 'infra/elasticsearch.sh down' stops it)"
    fi
    if ((elapsed > 0 && elapsed % 10 == 0)); then
      log_es "waiting for yellow/green... ${elapsed}s"
    fi
    sleep 1
  done
  log_es "healthy on $ES_URL after $((SECONDS - started))s"
}

up() {
  local pid
  if pid=$(our_pid); then
    log_es "already running (started by stack.sh, pid $pid)"
    healthy || wait_until_healthy
    return
  fi
  if healthy; then
    log_es "using the one on 127.0.0.1:$ES_PORT"
    return
  fi
  if port_open 127.0.0.1 "$ES_PORT"; then
    die_es "127.0.0.1:$ES_PORT is taken by something that is not a healthy Elasticsearch"
  fi

  local begin=$SECONDS
  ensure_java
  mkdir -p "$ES_DIR/cache" "$ES_DATA" "$ES_LOGS" "$ES_RUN"
  ensure_distribution
  prepare_user
  rm -f "$ES_PIDFILE"

  log_es "starting $ES_VERSION on $ES_URL (ES_JAVA_OPTS='$ES_JAVA_OPTS', data: $ES_DATA)"
  # -d daemonizes once the node is up (or fails); -p writes the pidfile `down` uses.
  # Security off: the zip does carry the x-pack-security module, and left on it would
  # auto-configure TLS and passwords on first start (the apps speak plain HTTP).
  # Disk thresholds off: a nearly full dev disk must not turn indices read-only.
  # Destructive actions by wildcard allowed: tests delete their namespaced indices by pattern.
  if ! as_es_user env ES_JAVA_HOME="$ES_JAVA_HOME" ES_JAVA_OPTS="$ES_JAVA_OPTS" \
    "$ES_HOME/bin/elasticsearch" -d -p "$ES_PIDFILE" \
    -Ecluster.name="$ES_CLUSTER" \
    -Enode.name=local \
    -Ediscovery.type=single-node \
    -Enetwork.host=127.0.0.1 \
    -Ehttp.port="$ES_PORT" \
    -Epath.data="$ES_DATA" \
    -Epath.logs="$ES_LOGS" \
    -Ecluster.routing.allocation.disk.threshold_enabled=false \
    -Expack.security.enabled=false \
    -Eaction.destructive_requires_name=false \
    >"$ES_LOGS/console.log" 2>&1; then
    print_log_tail
    die_es "failed to start (logs: $ES_LOGS)"
  fi
  wait_until_healthy
  log_es "up in $((SECONDS - begin))s (pid $(<"$ES_PIDFILE"))"
}

down() {
  local pid
  if ! pid=$(our_pid); then
    rm -f "$ES_PIDFILE"
    if healthy; then
      log_es "not started by stack.sh: leaving the one on 127.0.0.1:$ES_PORT running"
    else
      log_es "not running"
    fi
    return
  fi
  log_es "stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null && ((waited < 30)); do
    sleep 1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    log_es "still running after 30s: sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$ES_PIDFILE"
  log_es "stopped"
}

status() {
  local pid
  if pid=$(our_pid); then
    if healthy; then
      log_es "running on $ES_URL (started by stack.sh, pid $pid)"
    else
      log_es "started by stack.sh (pid $pid) but not yellow/green on $ES_URL"
      return 1
    fi
  elif healthy; then
    log_es "running on $ES_URL (not started by stack.sh)"
  else
    log_es "not running"
    return 1
  fi
}

case "${1:-}" in
  up | down | status) "$1" ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
