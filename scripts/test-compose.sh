#!/usr/bin/env bash
# `npm run test:compose`: the whole docker-compose.yml for real, on this machine, then gone again.
#
#   1. a Docker engine: the one that answers, else a private dockerd it starts (and installs from Debian's
#      docker.io when missing); Compose v2 and buildx as CLI plugins from Debian trixie's packages;
#   2. the base images the Dockerfiles and the Compose file name: present, pulled, or (no registry within
#      reach) built as look-alikes from Debian's packages and tagged with the upstream names
#      (tests/compose/lookalikes/); the project's own files are used unchanged;
#   3. builds the four images, then `up --wait` with --scale worker=3 --scale api=2 --scale scheduler=2 and
#      the observability profile: every service but Grafana (no image or package here) and Kibana, for which
#      tests/compose/compose.test.yml puts a stand-in answering kibana-setup's calls;
#   4. tests/compose/check-compose.mjs: a run through the dashboard's nginx with the token, completed, taken by
#      the three workers, its documents counted in the containers' Elasticsearch; the live feed over long polling
#      across the api instances; the api scaled up and back on the running stack, nginx following; Redis and
#      RabbitMQ re-created on their volumes; every instance a Prometheus target, up; and the rest of the wiring;
#   5. `down -v`, then stops the engine if it started it and undoes its changes to the host's networking.
#
# Caches (kept between runs, so a second run builds nothing it built before) live in $COMPOSE_TEST_HOME
# (default ~/.cache/rate-runner/compose-test): the engine's data root with the look-alikes and the build cache,
# the mmdebstrap tarball, the Node and npm packages, the Compose plugins. `rm -rf` it for a cold run.
#
# Environment (all optional): COMPOSE_TEST_HOME; DASHBOARD_PORT (8080); COMPOSE_TEST_WORKERS (3),
# COMPOSE_TEST_APIS (2), COMPOSE_TEST_SCHEDULERS (2); COMPOSE_TEST_KEEP=1 leaves the stack up for a look
# (then `docker compose -p rate-runner-compose-test down -v` and stop the engine yourself).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CT_REPO=$PWD
STACK_HOME="${STACK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/rate-runner}"
CT_HOME="${COMPOSE_TEST_HOME:-$STACK_HOME/compose-test}"
CT_DATA_ROOT="$CT_HOME/docker"
WORKERS="${COMPOSE_TEST_WORKERS:-3}"
APIS="${COMPOSE_TEST_APIS:-2}"
SCHEDULERS="${COMPOSE_TEST_SCHEDULERS:-2}"
mkdir -p "$CT_HOME"

# shellcheck source=tests/compose/engine.sh
source tests/compose/engine.sh
# shellcheck source=tests/compose/base-images.sh
source tests/compose/base-images.sh

T0=$SECONDS
STACK_UP=0
declare -a TIMES=()
took() { TIMES+=("$1 $((SECONDS - $2))s"); }

# shellcheck disable=SC2317 # reached through the EXIT trap
finish() {
  local rc=$?
  if ((STACK_UP)); then
    if ((rc != 0)); then
      ct_log "failed; the services' last log lines:"
      docker compose ps --all 2>&1 | sed 's/^/  /' || true
      docker compose logs --no-color --tail 15 2>&1 | sed 's/^/  /' || true
    fi
    if [[ "${COMPOSE_TEST_KEEP:-}" == 1 ]]; then
      ct_log "COMPOSE_TEST_KEEP=1: the stack stays up (DOCKER_HOST=${DOCKER_HOST:-default})"
      exit "$rc"
    fi
    local t=$SECONDS
    docker compose down -v --remove-orphans >/dev/null 2>&1 || ct_log "compose down failed"
    took "down -v" "$t"
  fi
  # The cache stays bounded: dangling images go, the build cache keeps its most recently used 4 GB. Only on the
  # private engine it started, whose data root is this test's cache: a user's own engine is never pruned.
  if ((CT_STARTED_ENGINE)); then
    docker image prune -f >/dev/null 2>&1 || true
    docker builder prune -f --keep-storage 4GB >/dev/null 2>&1 || true
  fi
  engine_down
  ct_log "times: ${TIMES[*]:-none}; total $((SECONDS - T0))s"
  if ((rc == 0)); then ct_log "PASSED"; else ct_log "FAILED (exit status $rc)"; fi
  exit "$rc"
}
trap finish EXIT

# A free TCP port on 127.0.0.1 from a range no other agent's service uses here (20000-29999).
free_port() {
  local port
  for ((port = $1; port < 30000; port++)); do
    port_taken "$port" || { echo "$port"; return; }
  done
  return 1
}
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# `compose config` with throwaway secrets and none of the user's .env: the file and its observability profile
# parse, interpolate and validate, and a missing API_TOKEN is refused.
check_compose_config() {
  local empty plugin
  empty=$(mktemp)
  plugin="$DOCKER_CONFIG/cli-plugins/docker-compose"
  [[ -x "$plugin" ]] || plugin="docker compose"
  local -a env=("API_TOKEN=$(secret 24)" "RABBITMQ_PASSWORD=$(secret 16)" "GRAFANA_ADMIN_PASSWORD=$(secret 16)"
    COMPOSE_FILE= COMPOSE_PROFILES= COMPOSE_PROJECT_NAME=rate-runner)
  # shellcheck disable=SC2086 # "docker compose" is two words
  env "${env[@]}" $plugin --env-file "$empty" -f docker-compose.yml config --quiet
  ct_log "compose config: docker-compose.yml is valid"
  # shellcheck disable=SC2086
  env "${env[@]}" $plugin --env-file "$empty" -f docker-compose.yml --profile observability config --quiet
  local added
  # shellcheck disable=SC2086
  added=$(comm -13 <(env "${env[@]}" $plugin --env-file "$empty" -f docker-compose.yml config --services | sort) \
    <(env "${env[@]}" $plugin --env-file "$empty" -f docker-compose.yml --profile observability config --services | sort) | paste -sd ' ')
  ct_log "compose --profile observability config: valid (adds $added)"
  # shellcheck disable=SC2086
  if env "${env[@]}" API_TOKEN= $plugin --env-file "$empty" -f docker-compose.yml config --quiet 2>/dev/null; then
    ct_log "compose config accepted an empty API_TOKEN"
    rm -f "$empty"
    return 1
  fi
  ct_log "compose config: refuses to run without API_TOKEN"
  rm -f "$empty"
}
secret() { node -e "process.stdout.write(require('node:crypto').randomBytes($1).toString('hex'))"; }

# `test-compose.sh config`: only the Compose file's checks (no engine, no images), for scripts/test.sh.
if [[ "${1:-}" == config ]]; then
  trap - EXIT
  compose_v2
  check_compose_config
  exit
fi

t=$SECONDS
engine_up
compose_v2
took engine "$t"

# The project, its files and its settings: test-only secrets and free host ports, never the user's .env.
export COMPOSE_PROJECT_NAME=rate-runner-compose-test
export COMPOSE_FILE=docker-compose.yml:tests/compose/compose.test.yml
export COMPOSE_PROFILES=observability
CT_ENV="$CT_HOME/test.env"
: >"$CT_ENV"
export API_TOKEN RABBITMQ_PASSWORD GRAFANA_ADMIN_PASSWORD DASHBOARD_PORT KIBANA_PORT RABBITMQ_MANAGEMENT_PORT PROMETHEUS_PORT GRAFANA_PORT
API_TOKEN=$(secret 24)
RABBITMQ_PASSWORD=$(secret 16)
GRAFANA_ADMIN_PASSWORD=$(secret 16)
DASHBOARD_PORT="${DASHBOARD_PORT:-8080}"
port_taken "$DASHBOARD_PORT" && { ct_log "port $DASHBOARD_PORT is taken: set DASHBOARD_PORT to a free one"; exit 1; }
KIBANA_PORT=$(free_port 25601)
RABBITMQ_MANAGEMENT_PORT=$(free_port 25672)
PROMETHEUS_PORT=$(free_port 29090)
GRAFANA_PORT=$(free_port 23100)
compose() { docker compose --env-file "$CT_ENV" "$@"; }
ct_log "project $COMPOSE_PROJECT_NAME: dashboard on :$DASHBOARD_PORT; Kibana stand-in 127.0.0.1:$KIBANA_PORT, RabbitMQ management 127.0.0.1:$RABBITMQ_MANAGEMENT_PORT, Prometheus 127.0.0.1:$PROMETHEUS_PORT"
compose config --quiet

# Every image named in a FROM line or an image: key that is not built here.
t=$SECONDS
mapfile -t BASES < <({
  sed -n 's/^FROM \([^ ]*\).*/\1/p' infra/docker/node-app.Dockerfile apps/dashboard/Dockerfile
  compose config --images
} | grep -v '^rate-runner-' | grep -Ev '^(deps|build)$' | sort -u)
ct_log "base images: ${BASES[*]}"
ensure_base_images "${BASES[@]}"
took "base images" "$t"

# Left-over containers of an interrupted run would hold the dashboard's port.
compose down -v --remove-orphans >/dev/null 2>&1 || true

t=$SECONDS
ct_log "docker compose build (api, scheduler, worker, dashboard)"
compose build --quiet
took build "$t"
for image in rate-runner-api rate-runner-scheduler rate-runner-worker rate-runner-dashboard; do
  ct_log "  $image: $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1 / 1e6}')"
done

SERVICES=(redis rabbitmq elasticsearch kibana kibana-setup api scheduler worker dashboard prometheus redis-exporter
  elasticsearch-exporter)
t=$SECONDS
STACK_UP=1
ct_log "docker compose up --wait --scale worker=$WORKERS --scale api=$APIS --scale scheduler=$SCHEDULERS ${SERVICES[*]}"
# Compose's progress lines go to a file, shown when up fails.
if ! compose up -d --wait --no-build --scale "worker=$WORKERS" --scale "api=$APIS" --scale "scheduler=$SCHEDULERS" \
  "${SERVICES[@]}" >"$CT_HOME/up.log" 2>&1; then
  grep -Ev ' (Creating|Created|Starting|Started|Waiting|Healthy)$' "$CT_HOME/up.log" | tail -n 20
  exit 1
fi
took "up --wait" "$t"

t=$SECONDS
DASHBOARD_URL="http://127.0.0.1:$DASHBOARD_PORT" WORKERS=$WORKERS APIS=$APIS SCHEDULERS=$SCHEDULERS PROMETHEUS=1 \
  COMPOSE_ENV_FILE="$CT_ENV" node tests/compose/check-compose.mjs
took checks "$t"
ct_log "not run here: grafana (no image, package or distribution within reach; its configuration is checked by 'compose config')"
