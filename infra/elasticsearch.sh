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

# shellcheck source=infra/elasticsearch-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/elasticsearch-lib.sh"

ES_PORT="${ES_PORT:-9200}"
ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-120}"

ES_DATA="$ES_DIR/data"
ES_LOGS="$ES_DIR/logs"
ES_RUN="$ES_DIR/run"
# Written by Elasticsearch itself (-p); its presence means this script started the server.
ES_PIDFILE="$ES_RUN/elasticsearch.pid"
ES_URL="http://127.0.0.1:$ES_PORT"
# The server log is named after the cluster.
ES_CLUSTER=rate-runner

healthy() {
  curl -s --max-time 5 "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null |
    grep -Eq '"status":"(yellow|green)"'
}

# Prints the pid of the server we started, if it is still alive.
our_pid() { es_pid_of "$ES_PIDFILE" "$ES_LOGS"; }

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
  prepare_es_user "$ES_DIR" "$ES_DATA" "$ES_LOGS" "$ES_RUN"
  rm -f "$ES_PIDFILE"

  log_es "starting $ES_VERSION on $ES_URL (ES_JAVA_OPTS='$ES_JAVA_OPTS', data: $ES_DATA)"
  # -d daemonizes once the node is up (or fails); -p writes the pidfile `down` uses.
  local -a settings
  mapfile -t settings < <(es_local_settings)
  if ! as_es_user env ES_JAVA_HOME="$ES_JAVA_HOME" ES_JAVA_OPTS="$ES_JAVA_OPTS" \
    "$ES_HOME/bin/elasticsearch" -d -p "$ES_PIDFILE" \
    -Ecluster.name="$ES_CLUSTER" \
    -Enode.name=local \
    -Ediscovery.type=single-node \
    -Ehttp.port="$ES_PORT" \
    -Epath.data="$ES_DATA" \
    -Epath.logs="$ES_LOGS" \
    "${settings[@]}" \
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
