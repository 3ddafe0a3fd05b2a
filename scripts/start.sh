#!/usr/bin/env bash
# The whole system on this machine (`npm start`), from a fresh clone:
#   1. npm install, when node_modules is missing or older than package-lock.json;
#   2. Redis, RabbitMQ and Elasticsearch via infra/stack.sh (reused when already running); with CLUSTER=1, each as a
#      cluster on this machine instead: Redis with Sentinel (infra/redis-sentinel.sh), a 3-node RabbitMQ cluster
#      (infra/rabbitmq-cluster.sh) and 3 Elasticsearch nodes (infra/elasticsearch-cluster.sh), the apps pointed at
#      them by the settings each script's `env` prints (docs/operations.md, "Cluster mode");
#   3. a build of api, scheduler, worker and dashboard (skipped with SKIP_BUILD=1 when dist/ has them);
#   4. scripts/supervise.mjs: api (serving the dashboard at /), scheduler and $WORKERS workers, each
#      line of their output prefixed with its name, e.g. "[worker-2] ...".
# An app that exits on its own is restarted after 1 s, then 2, 4... up to RESTART_MAX_DELAY (back to
# 1 s once it has stayed up RESTART_RESET_AFTER); one that exits RESTART_LIMIT times within
# RESTART_WINDOW is given up on, saying so, while the others keep running. Ctrl-C or SIGTERM stops the
# apps (SIGTERM, SIGKILL after STOP_TIMEOUT), then `infra/stack.sh down` stops the services, unless all
# three were already running before step 2 (then this start started none of them); with CLUSTER=1, each cluster
# this start brought up is stopped (one already running is left running).
#
# Environment read by the apps (defaults in brackets); whatever the caller exports reaches
# every app, except PORT, WORKER_ID, DASHBOARD_DIR and LOG_PREFIX, which are set per app:
#   NAMESPACE          [rr] prefix of every queue, Redis key and channel
#   REDIS_URL          [redis://127.0.0.1:6379]
#   AMQP_URL           [amqp://guest:guest@127.0.0.1:5672]
#   ELASTICSEARCH_URL  [http://127.0.0.1:9200]
#   HOST               [127.0.0.1] address the HTTP servers bind to
#   LOG_LEVEL          [log] error, warn, log, debug or verbose; debug shows Nest's module and route wiring
#   PORT               [3000] the api's
#   WORKER_ID          worker-1, worker-2, ... (one per worker)
#   DASHBOARD_DIR      <repo>/dist/apps/dashboard/browser, served by the api at /
#   LOG_PREFIX         none: the apps leave their name out, since each line is prefixed here
#   API_TOKEN          the operator's token; when unset, read from .env or generated into it on first start
#   API_READ_TOKEN     [unset] a read-only (viewer) token, also read from .env when there
# This script's own:
#   CLUSTER              [unset] 1: the engines as clusters on this machine (step 2)
#   WORKERS              [2] how many worker processes to run
#   SCHEDULER_PORT       [3010] the scheduler's port
#   WORKER_BASE_PORT     [3020] worker-1's port; worker-N gets WORKER_BASE_PORT + N - 1
#   SKIP_BUILD           [unset] 1: use the apps already built in dist/ (built anyway if one is missing)
#   HEALTH_TIMEOUT       [60] seconds the api has to answer /api/health at start-up
#   STOP_TIMEOUT         [15] seconds an app has to exit after SIGTERM before it gets SIGKILL
#   RESTART_MAX_DELAY    [30] seconds: longest wait before restarting an app
#   RESTART_RESET_AFTER  [30] seconds an app must stay up for its next restart to wait 1 s again
#   RESTART_LIMIT        [5] exits within RESTART_WINDOW after which an app is given up on...
#   RESTART_WINDOW       [60] ...seconds
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

export NX_NO_CLOUD=true NX_DAEMON=false NG_CLI_ANALYTICS=false

log() { printf '[start] %s\n' "$*"; }

SUPERVISOR=""
STACK_TO_STOP=false
# The engines' cluster scripts, for CLUSTER=1: each answers up, down, status and env.
CLUSTER_SCRIPTS=(infra/redis-sentinel.sh infra/rabbitmq-cluster.sh infra/elasticsearch-cluster.sh)
CLUSTERS_TO_STOP=()

# shellcheck disable=SC2317 # reached through the EXIT trap
cleanup() {
  local rc=$?
  # npm forwards the terminal's Ctrl-C as a second SIGINT: let nothing cut the cleanup short.
  trap '' INT TERM
  if [[ -n "$SUPERVISOR" ]] && kill -0 "$SUPERVISOR" 2>/dev/null; then
    kill -TERM "$SUPERVISOR" 2>/dev/null || true
    wait "$SUPERVISOR" || true
  fi
  if $STACK_TO_STOP; then
    bash infra/stack.sh down || rc=1
  fi
  local script
  for script in "${CLUSTERS_TO_STOP[@]}"; do
    bash "$script" down || rc=1
  done
  log "stopped"
  exit "$rc"
}

trap cleanup EXIT
# Stopping by signal is the normal way out, hence status 0.
trap 'exit 0' INT TERM

bash scripts/install-deps.sh

if [[ "${CLUSTER:-}" == 1 ]]; then
  log "CLUSTER=1: Redis with Sentinel, a RabbitMQ cluster and Elasticsearch nodes on this machine"
  for script in "${CLUSTER_SCRIPTS[@]}"; do
    if bash "$script" status >/dev/null 2>&1; then
      log "$script: already running, left running on exit"
    else
      CLUSTERS_TO_STOP+=("$script")
    fi
    bash "$script" up
    # The settings that point the apps at this cluster (REDIS_SENTINELS=..., AMQP_URLS=..., ELASTICSEARCH_NODES=...).
    while IFS= read -r setting; do
      log "  $setting"
      export "${setting?}"
    done < <(bash "$script" env)
  done
  log "kill a node to watch the platform ride it out (the dashboard's System page lists every node):"
  log "  bash infra/redis-sentinel.sh kill \$(bash infra/redis-sentinel.sh master)   # the Redis master"
  log "  bash infra/rabbitmq-cluster.sh kill 1; bash infra/rabbitmq-cluster.sh start 1"
  log "  bash infra/elasticsearch-cluster.sh kill 2; bash infra/elasticsearch-cluster.sh start 2"
else
  if bash infra/stack.sh status >/dev/null 2>&1; then
    log "Redis, RabbitMQ and Elasticsearch already run: they are left running on exit"
  else
    STACK_TO_STOP=true
  fi
  bash infra/stack.sh up
fi

built() {
  local app
  for app in api scheduler worker; do
    [[ -f "dist/apps/$app/main.js" ]] || return 1
  done
  [[ -f dist/apps/dashboard/browser/index.html ]]
}
if [[ "${SKIP_BUILD:-}" == 1 ]] && built; then
  log "SKIP_BUILD=1: using the apps already built in dist/"
else
  [[ "${SKIP_BUILD:-}" == 1 ]] && log "SKIP_BUILD=1 but dist/ lacks an app: building"
  log "building api, scheduler, worker and dashboard"
  npx nx run-many -t build -p api scheduler worker dashboard
fi

# In the background, so that a signal runs the trap at once (bash defers traps until a foreground
# command returns) and the trap can pass it on. The supervisor stops the apps on SIGINT/SIGTERM.
# The api needs a token (nothing answers without one). Unless the caller exports API_TOKEN, it is read from
# the git-ignored .env at the repository root, and generated into it on the first start.
ENV_FILE="$REPO/.env"
if [[ -z "${API_TOKEN:-}" ]]; then
  API_TOKEN="$( (sed -n 's/^API_TOKEN=//p' "$ENV_FILE" 2>/dev/null || true) | tail -n 1)"
  if [[ -z "$API_TOKEN" ]]; then
    API_TOKEN="$(node -e "process.stdout.write(require('node:crypto').randomBytes(24).toString('hex'))")"
    (umask 077 && printf 'API_TOKEN=%s\n' "$API_TOKEN" >>"$ENV_FILE")
    log "generated an API_TOKEN into .env (git-ignored; delete the line to get a new one)"
  else
    log "using the API_TOKEN in .env"
  fi
fi
if [[ -z "${API_READ_TOKEN:-}" ]]; then
  API_READ_TOKEN="$( (sed -n 's/^API_READ_TOKEN=//p' "$ENV_FILE" 2>/dev/null || true) | tail -n 1)"
fi
export API_TOKEN
[[ -n "$API_READ_TOKEN" ]] && export API_READ_TOKEN

node scripts/supervise.mjs &
SUPERVISOR=$!
status=0
wait "$SUPERVISOR" || status=$?
SUPERVISOR=""
if ((status != 0)); then
  log "the supervisor exited with status $status"
fi
exit "$status"
