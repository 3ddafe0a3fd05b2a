#!/usr/bin/env bash
# The whole system on this machine (`npm start`), from a fresh clone:
#   1. npm install, when node_modules is missing or older than package-lock.json;
#   2. Redis, RabbitMQ and Elasticsearch via infra/stack.sh (reused when already running);
#   3. a build of api, scheduler, worker and dashboard;
#   4. api (serving the dashboard at /), scheduler and $WORKERS workers in the background,
#      each line of their output prefixed with its name.
# Ctrl-C or SIGTERM stops everything, as does any app exiting on its own: the apps get
# SIGTERM (SIGKILL after 15 s), then `infra/stack.sh down` stops what it started.
#
# Environment read by the apps (defaults in brackets); whatever the caller exports reaches
# every app, except PORT, WORKER_ID and DASHBOARD_DIR, which this script sets per app:
#   NAMESPACE          [rr] prefix of every queue, Redis key and channel
#   REDIS_URL          [redis://127.0.0.1:6379]
#   AMQP_URL           [amqp://guest:guest@127.0.0.1:5672]
#   ELASTICSEARCH_URL  [http://127.0.0.1:9200]
#   HOST               [127.0.0.1] address the HTTP servers bind to
#   PORT               api [3000]; the scheduler gets 3010, the workers 3020, 3021, ...
#   WORKER_ID          worker-1, worker-2, ... (one per worker)
#   DASHBOARD_DIR      <repo>/dist/apps/dashboard/browser, served by the api at /
# This script's own:
#   WORKERS            [2] how many worker processes to run
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

API_PORT="${PORT:-3000}"
SCHEDULER_PORT=3010
WORKER_BASE_PORT=3020
WORKERS="${WORKERS:-2}"
HEALTH_TIMEOUT=60
STOP_TIMEOUT=15
export NX_NO_CLOUD=true NX_DAEMON=false NG_CLI_ANALYTICS=false

log() { printf '[start] %s\n' "$*"; }

if ! [[ "$WORKERS" =~ ^[1-9][0-9]*$ ]]; then
  log "WORKERS must be a positive integer, got '$WORKERS'" >&2
  exit 2
fi

# Each app leads its own process group (setsid), so one signal reaches all of its processes
# and the terminal's Ctrl-C reaches only this script, which then stops the apps in order.
APP_PIDS=()
declare -A APP_NAMES=()
STACK_CALLED=false

# start_app NAME APP PORT [VAR=VALUE...]: runs dist/apps/APP/main.js in the background.
start_app() {
  local name=$1 app=$2 port=$3
  shift 3
  # The prefixing sed stays in our process group, where the terminal's Ctrl-C lands: it
  # ignores SIGINT so that it outlives it and relays the apps' shutdown logs.
  setsid env PORT="$port" "$@" node "dist/apps/$app/main.js" \
    > >(trap '' INT && exec sed -u "s/^/[$name] /") 2>&1 &
  APP_PIDS+=("$!")
  APP_NAMES[$!]=$name
  log "$name started (pid $!, port $port)"
}

# shellcheck disable=SC2317 # reached through the EXIT trap
any_app_alive() {
  local pid
  for pid in "${APP_PIDS[@]}"; do
    kill -0 -- "-$pid" 2>/dev/null && return 0
  done
  return 1
}

# shellcheck disable=SC2317 # reached through the EXIT trap
stop_apps() {
  ((${#APP_PIDS[@]} > 0)) || return 0
  log "stopping the apps"
  local pid deadline=$((SECONDS + STOP_TIMEOUT))
  for pid in "${APP_PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  while any_app_alive && ((SECONDS < deadline)); do
    sleep 0.5
  done
  for pid in "${APP_PIDS[@]}"; do
    if kill -0 -- "-$pid" 2>/dev/null; then
      log "${APP_NAMES[$pid]} still running after ${STOP_TIMEOUT}s: SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
  done
  APP_PIDS=()
}

# shellcheck disable=SC2317 # reached through the EXIT trap
cleanup() {
  local rc=$?
  # npm forwards the terminal's Ctrl-C as a second SIGINT: let nothing cut the cleanup short.
  trap '' INT TERM
  stop_apps
  if $STACK_CALLED; then
    bash infra/stack.sh down || rc=1
  fi
  log "stopped"
  exit "$rc"
}

wait_until_api_healthy() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT)) pid
  until curl -sf -o /dev/null "http://127.0.0.1:$API_PORT/api/health"; do
    for pid in "${APP_PIDS[@]}"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        log "${APP_NAMES[$pid]} exited during start-up"
        exit 1
      fi
    done
    if ((SECONDS >= deadline)); then
      log "no healthy answer from http://127.0.0.1:$API_PORT/api/health after ${HEALTH_TIMEOUT}s"
      exit 1
    fi
    sleep 1
  done
}

trap cleanup EXIT
# Stopping by signal is the normal way out, hence status 0.
trap 'exit 0' INT TERM

bash scripts/install-deps.sh

STACK_CALLED=true
bash infra/stack.sh up

log "building api, scheduler, worker and dashboard"
npx nx run-many -t build -p api scheduler worker dashboard

start_app api api "$API_PORT" DASHBOARD_DIR="$REPO/dist/apps/dashboard/browser"
start_app scheduler scheduler "$SCHEDULER_PORT"
for ((i = 1; i <= WORKERS; i++)); do
  start_app "worker-$i" worker $((WORKER_BASE_PORT + i - 1)) WORKER_ID="worker-$i"
done

wait_until_api_healthy
cat <<EOF

Dashboard: http://127.0.0.1:$API_PORT/
Start a run:
  curl -X POST http://127.0.0.1:$API_PORT/api/runs -H 'content-type: application/json' -d '{"total":1000,"ratePerMinute":600}'
Stop: Ctrl-C

EOF

# Returns when the first app exits; a signal interrupts it and runs the trap instead.
status=0
wait -n -p exited "${APP_PIDS[@]}" || status=$?
log "${APP_NAMES[$exited]} exited with status $status: stopping everything"
exit 1
