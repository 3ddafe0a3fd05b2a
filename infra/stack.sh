#!/usr/bin/env bash
# The local services the apps and their tests need: Redis, RabbitMQ and Elasticsearch.
#
# usage: infra/stack.sh up|down|status
#
#   up      uses a service that already answers on its port; otherwise installs it from
#           Debian (if missing) and starts it, recording that in $STACK_HOME.
#   down    stops only what `up` started, never a service that was already there.
#   status  one line per service; exits non-zero if any is not running.
#
# Environment (all optional):
#   STACK_HOME          ${XDG_CACHE_HOME:-$HOME/.cache}/rate-runner (state and caches)
#   REDIS_PORT          6379
#   RABBITMQ_NODE_PORT  5672 (RabbitMQ's own variable, so a node we start uses it too, unless
#                       rabbitmq.conf sets listeners.tcp, which wins)
#   ES_*                see infra/elasticsearch.sh
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=infra/lib.sh
source "$INFRA_DIR/lib.sh"

REDIS_PORT="${REDIS_PORT:-6379}"
AMQP_PORT="${RABBITMQ_NODE_PORT:-5672}"
REDIS_DIR="$STACK_HOME/redis"
RABBITMQ_DIR="$STACK_HOME/rabbitmq"
# A service's marker file exists while a server we started runs; `down` acts only on these.
REDIS_MARKER="$REDIS_DIR/started-by-stack"
RABBITMQ_MARKER="$RABBITMQ_DIR/started-by-stack"

# A real PING/PONG over bash's /dev/tcp, so neither redis-cli nor a lucky port is trusted.
# Connecting to loopback fails at once when nothing listens; read -t bounds a silent peer.
redis_ping() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" || exit 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3 && [[ "$reply" == "+PONG"* ]]
  ) 2>/dev/null
}

redis_gone() { ! redis_ping; }

# wait_for SERVICE SECONDS COMMAND... : polls COMMAND once a second, logging every 10 s.
wait_for() {
  local service=$1 timeout=$2 started=$SECONDS elapsed
  shift 2
  until "$@"; do
    elapsed=$((SECONDS - started))
    ((elapsed < timeout)) || return 1
    if ((elapsed > 0 && elapsed % 10 == 0)); then
      log "$service" "waiting... ${elapsed}s"
    fi
    sleep 1
  done
}

redis_up() {
  if redis_ping; then
    if [[ -f "$REDIS_MARKER" ]]; then
      log redis "already running on 127.0.0.1:$REDIS_PORT (started by stack.sh)"
    else
      log redis "using the one on 127.0.0.1:$REDIS_PORT"
    fi
    return
  fi
  rm -f "$REDIS_MARKER"
  mkdir -p "$REDIS_DIR"
  if ! command -v redis-server >/dev/null; then
    apt_install redis-server
    # Debian's maintainer scripts may have started it already (where init scripts may run).
    if redis_ping; then
      touch "$REDIS_MARKER"
      log redis "started by its package's install on 127.0.0.1:$REDIS_PORT"
      return
    fi
  fi
  log redis "starting redis-server on 127.0.0.1:$REDIS_PORT (no persistence; log: $REDIS_DIR/redis.log)"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" \
    --save "" --appendonly no --dir "$REDIS_DIR" \
    --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
  touch "$REDIS_MARKER"
  wait_for redis 15 redis_ping || die redis "no PONG after 15s (log: $REDIS_DIR/redis.log)"
  log redis "up"
}

redis_down() {
  if [[ ! -f "$REDIS_MARKER" ]]; then
    log redis "not started by stack.sh: leaving it alone"
    return
  fi
  if redis_ping; then
    log redis "stopping the one on 127.0.0.1:$REDIS_PORT"
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    wait_for redis 15 redis_gone || log redis "still answering after 15s"
  fi
  rm -f "$REDIS_MARKER"
  log redis "stopped"
}

rabbitmq_up() {
  if port_open 127.0.0.1 "$AMQP_PORT"; then
    if [[ -f "$RABBITMQ_MARKER" ]]; then
      log rabbitmq "already running on 127.0.0.1:$AMQP_PORT (started by stack.sh)"
    else
      log rabbitmq "using the one on 127.0.0.1:$AMQP_PORT"
    fi
    return
  fi
  rm -f "$RABBITMQ_MARKER"
  mkdir -p "$RABBITMQ_DIR"
  if ! command -v rabbitmq-server >/dev/null; then
    apt_install rabbitmq-server
    if port_open 127.0.0.1 "$AMQP_PORT"; then
      touch "$RABBITMQ_MARKER"
      log rabbitmq "started by its package's install on 127.0.0.1:$AMQP_PORT"
      return
    fi
  fi
  # Debian's defaults: data under /var/lib/rabbitmq, logs under /var/log/rabbitmq, and the
  # guest/guest user, which may connect from localhost only.
  log rabbitmq "starting rabbitmq-server on port $AMQP_PORT"
  rabbitmq-server -detached
  touch "$RABBITMQ_MARKER"
  # The AMQP listener opens last in the boot sequence, so an open port means ready.
  wait_for rabbitmq 90 port_open 127.0.0.1 "$AMQP_PORT" ||
    die rabbitmq "port $AMQP_PORT not open after 90s (logs: /var/log/rabbitmq)"
  log rabbitmq "up"
}

rabbitmq_down() {
  if [[ ! -f "$RABBITMQ_MARKER" ]]; then
    log rabbitmq "not started by stack.sh: leaving it alone"
    return
  fi
  log rabbitmq "stopping the node we started"
  # `shutdown` returns once the node's OS process has exited.
  rabbitmqctl -q shutdown >/dev/null 2>&1 || log rabbitmq "node not reachable (already stopped?)"
  rm -f "$RABBITMQ_MARKER"
  log rabbitmq "stopped"
}

status() {
  local rc=0 whose
  whose=$([[ -f "$REDIS_MARKER" ]] && echo "started by stack.sh" || echo "not started by stack.sh")
  if redis_ping; then
    log redis "running on 127.0.0.1:$REDIS_PORT ($whose)"
  else
    log redis "not running"
    rc=1
  fi
  whose=$([[ -f "$RABBITMQ_MARKER" ]] && echo "started by stack.sh" || echo "not started by stack.sh")
  if port_open 127.0.0.1 "$AMQP_PORT"; then
    log rabbitmq "running on 127.0.0.1:$AMQP_PORT ($whose)"
  else
    log rabbitmq "not running"
    rc=1
  fi
  bash "$INFRA_DIR/elasticsearch.sh" status || rc=1
  return "$rc"
}

case "${1:-}" in
  up)
    redis_up
    rabbitmq_up
    bash "$INFRA_DIR/elasticsearch.sh" up
    ;;
  down)
    # Reverse order of `up`; keep going if one fails so the others still stop.
    rc=0
    bash "$INFRA_DIR/elasticsearch.sh" down || rc=1
    rabbitmq_down || rc=1
    redis_down || rc=1
    exit "$rc"
    ;;
  status) status ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
