#!/usr/bin/env bash
# Redis with Sentinel on this one machine, for trying failover and for the cluster fault suite: three Redis servers
# (the first starts as master, the others as its replicas) and three Sentinels watching them, from Debian's
# redis-server (a Sentinel is `redis-server --sentinel`, the same binary Debian's redis-sentinel package starts).
#
# A master takes writes only while a replica is at most 2 s behind (min-replicas-to-write 1, min-replicas-max-lag 2),
# and the Sentinels fail a master over once it has not answered for 4 s: so a master cut off from the others stops
# taking writes before a replica can be promoted in its place, and no write it takes after the promotion is lost
# (ARCHITECTURE.md, "Redis failover"). Two replicas keep one after a failover, so writes go on.
#
# usage: infra/redis-sentinel.sh up|down|status|env|master|kill PORT|start PORT
#
#   up          starts what is not running yet and waits until the Sentinels agree on a master with its replicas
#   down        stops every process this script started (and nothing else)
#   status      one line per process, and the master the Sentinels name; non-zero if any is down
#   env         prints the services' settings for it (REDIS_SENTINELS=... REDIS_MASTER_NAME=...), one per line
#   master      prints the port of the master the Sentinels name now
#   kill PORT   kill -9 of the server (or Sentinel) on PORT, as a crash
#   start PORT  starts the server (or Sentinel) on PORT again; a server comes back as it was configured
#               (the Sentinels then make a former master the replica of the new one)
#
# The servers keep nothing on disk, like the machine's own Redis: a server started again is empty until it
# has synced from the master. The services reach it with REDIS_SENTINELS=127.0.0.1:26401,127.0.0.1:26402,
# 127.0.0.1:26403 and REDIS_MASTER_NAME=rate-runner (docs/operations.md, "Redis with Sentinel").
#
# Environment (all optional):
#   SENTINEL_REDIS_PORTS     "6401 6402 6403" (the first starts as master)
#   SENTINEL_PORTS           "26401 26402 26403"
#   SENTINEL_MASTER_NAME     rate-runner
#   SENTINEL_MIN_REPLICAS    1 (min-replicas-to-write: 0 lets a master write alone, as a test that makes it lose a
#                            write needs)
#   SENTINEL_DOWN_AFTER_MS   4000 (how long a master may not answer before the Sentinels fail it over; keep it
#                            above the 2 s a master takes writes without a replica)
#   STACK_HOME               ${XDG_CACHE_HOME:-$HOME/.cache}/rate-runner
set -euo pipefail

# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

read -r -a REDIS_PORTS <<<"${SENTINEL_REDIS_PORTS:-6401 6402 6403}"
read -r -a SENTINEL_PORTS <<<"${SENTINEL_PORTS:-26401 26402 26403}"
MASTER_NAME="${SENTINEL_MASTER_NAME:-rate-runner}"
DOWN_AFTER_MS="${SENTINEL_DOWN_AFTER_MS:-4000}"
MIN_REPLICAS="${SENTINEL_MIN_REPLICAS:-1}"
DIR="$STACK_HOME/redis-sentinel"
QUORUM=2

log_s() { log redis-sentinel "$@"; }

is_sentinel_port() { [[ " ${SENTINEL_PORTS[*]} " == *" $1 "* ]]; }
is_redis_port() { [[ " ${REDIS_PORTS[*]} " == *" $1 "* ]]; }

pidfile() { echo "$DIR/$1/redis.pid"; }

# The pid of the process this script started on PORT, if it still runs (the command line guards against a stale
# pidfile whose pid now belongs to another process).
our_pid() {
  local file pid
  file=$(pidfile "$1")
  [[ -f "$file" ]] || return 1
  pid=$(<"$file")
  [[ "$pid" =~ ^[0-9]+$ ]] && grep -qa "redis-server" "/proc/$pid/cmdline" 2>/dev/null && grep -qa ":$1" "/proc/$pid/cmdline" || return 1
  echo "$pid"
}

answers() { [[ "$(redis-cli -p "$1" --no-raw PING 2>/dev/null)" == *PONG* ]]; }

start_redis() {
  local port=$1 replica_of=()
  [[ "$port" == "${REDIS_PORTS[0]}" ]] || replica_of=(--replicaof 127.0.0.1 "${REDIS_PORTS[0]}")
  mkdir -p "$DIR/$port"
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --pidfile "$(pidfile "$port")" \
    --logfile "$DIR/$port/redis.log" --dir "$DIR/$port" --save '' --appendonly no \
    --min-replicas-to-write "$MIN_REPLICAS" --min-replicas-max-lag 2 "${replica_of[@]}"
}

start_sentinel() {
  local port=$1 conf="$DIR/$1/sentinel.conf"
  mkdir -p "$DIR/$port"
  # A Sentinel rewrites its file with what it learns (replicas, the other Sentinels, the current master); a new
  # file each start keeps a stale view from outliving a `down`.
  cat >"$conf" <<EOF
port $port
bind 127.0.0.1
daemonize yes
pidfile $(pidfile "$port")
logfile $DIR/$port/redis.log
dir $DIR/$port
sentinel monitor $MASTER_NAME 127.0.0.1 ${REDIS_PORTS[0]} $QUORUM
sentinel down-after-milliseconds $MASTER_NAME $DOWN_AFTER_MS
sentinel failover-timeout $MASTER_NAME 10000
sentinel parallel-syncs $MASTER_NAME 1
EOF
  redis-server "$conf" --sentinel
}

start_port() {
  local port=$1
  if our_pid "$port" >/dev/null; then
    log_s "$port already running"
    return
  fi
  port_open 127.0.0.1 "$port" && die redis-sentinel "port $port is taken by a process this script did not start"
  if is_sentinel_port "$port"; then start_sentinel "$port"; else start_redis "$port"; fi
  local waited=0
  until answers "$port"; do
    ((waited++ < 50)) || die redis-sentinel "nothing answers on $port: see $DIR/$port/redis.log"
    sleep 0.1
  done
  log_s "$port started (pid $(our_pid "$port"))"
}

master_port() {
  local port
  for port in "${SENTINEL_PORTS[@]}"; do
    redis-cli -p "$port" SENTINEL get-master-addr-by-name "$MASTER_NAME" 2>/dev/null | sed -n 2p | grep -E '^[0-9]+$' && return
  done
  return 1
}

# True once every Sentinel names the same master, and that master has every other server as a replica online.
settled() {
  local port master='' named
  for port in "${SENTINEL_PORTS[@]}"; do
    named=$(redis-cli -p "$port" SENTINEL get-master-addr-by-name "$MASTER_NAME" 2>/dev/null | sed -n 2p)
    [[ -n "$named" ]] || return 1
    [[ -z "$master" || "$named" == "$master" ]] || return 1
    master=$named
    [[ "$(redis-cli -p "$port" SENTINEL sentinels "$MASTER_NAME" 2>/dev/null | grep -c '^name$')" -ge $((${#SENTINEL_PORTS[@]} - 1)) ]] || return 1
  done
  [[ "$(redis-cli -p "$master" INFO replication 2>/dev/null | grep -c '^slave[0-9]*:.*state=online')" -ge $((${#REDIS_PORTS[@]} - 1)) ]]
}

up() {
  local port
  # Debian's package, as infra/stack.sh installs it (its own service on 6379 is not this script's business).
  command -v redis-server >/dev/null || apt_install redis-server
  for port in "${REDIS_PORTS[@]}" "${SENTINEL_PORTS[@]}"; do start_port "$port"; done
  local waited=0
  until settled; do
    ((waited++ < 60)) || die redis-sentinel "the Sentinels did not settle on a master with its replicas within 60 s"
    sleep 1
  done
  log_s "master $MASTER_NAME on 127.0.0.1:$(master_port); the services' settings: $(env_lines | tr '\n' ' ')"
}

env_lines() {
  printf 'REDIS_SENTINELS=%s\nREDIS_MASTER_NAME=%s\n' "$(sentinels_list)" "$MASTER_NAME"
}

sentinels_list() {
  local port list=()
  for port in "${SENTINEL_PORTS[@]}"; do list+=("127.0.0.1:$port"); done
  (
    IFS=,
    echo "${list[*]}"
  )
}

down() {
  local port pid
  for port in "${SENTINEL_PORTS[@]}" "${REDIS_PORTS[@]}"; do
    if pid=$(our_pid "$port"); then
      stop_pid "$pid" 5
      log_s "$port stopped"
    fi
    rm -f "$(pidfile "$port")"
  done
}

status() {
  local port pid all=0 role
  for port in "${REDIS_PORTS[@]}" "${SENTINEL_PORTS[@]}"; do
    if pid=$(our_pid "$port"); then
      role=sentinel
      is_redis_port "$port" && role=$(redis-cli -p "$port" INFO replication 2>/dev/null | sed -n 's/^role:\(.*\)\r$/\1/p')
      log_s "$port running (pid $pid, $role)"
    else
      log_s "$port not running"
      all=1
    fi
  done
  if master=$(master_port); then log_s "the Sentinels name 127.0.0.1:$master"; else log_s "no Sentinel names a master"; fi
  return $all
}

kill_port() {
  local pid
  pid=$(our_pid "$1") || die redis-sentinel "nothing of ours runs on $1"
  kill -9 "$pid"
  rm -f "$(pidfile "$1")"
  log_s "$1 killed (kill -9 $pid)"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) env_lines ;;
  master) master_port ;;
  kill) kill_port "${2:?usage: kill PORT}" ;;
  start) start_port "${2:?usage: start PORT}" ;;
  *)
    echo "usage: $0 up|down|status|env|master|kill PORT|start PORT" >&2
    exit 2
    ;;
esac
