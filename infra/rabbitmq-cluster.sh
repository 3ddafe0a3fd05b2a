#!/usr/bin/env bash
# A 3-node RabbitMQ cluster on this one machine, for trying quorum queues and for the cluster fault suite, from
# Debian's rabbitmq-server: nodes rr-rabbit-1@localhost .. rr-rabbit-3@localhost, each with its own AMQP port, Erlang
# distribution port, data and log directories under $STACK_HOME/rabbitmq-cluster, and one Erlang cookie shared by
# the three (and by the rabbitmqctl calls of this script). Nodes 2 and 3 join node 1.
#
# It never touches the machine's own RabbitMQ (node rabbit@localhost on 5672, a system service): every rabbitmqctl
# call names its node (-n), the machine's /etc/rabbitmq files are not read (own rabbitmq.conf and rabbitmq-env.conf),
# and `down` stops only the nodes whose pidfile this script wrote. epmd (port 4369) is the machine's, shared by every
# Erlang node: it is never stopped.
#
# usage: infra/rabbitmq-cluster.sh up|down|status|env|kill N|start N|leader QUEUE
#
#   up            starts the nodes not running yet and joins nodes 2 and 3 to node 1 (a fresh cluster when none
#                 was there); waits until every node runs the cluster with the other two
#   down          stops the nodes this script started (and nothing else) and removes their data: the next `up` is a
#                 new, empty cluster
#   status        one line per node, and the cluster's running nodes; non-zero if any node is down
#   env           prints the services' settings for it (AMQP_URLS=...), one per line
#   kill N        kill -9 of node N (1, 2 or 3), as a crash; its data stays, so `start N` brings it back as a member
#   start N       starts node N again, as it was (it rejoins the cluster with its data)
#   leader QUEUE  prints the number of the node leading the quorum queue QUEUE (in vhost /)
#
# The services reach it with AMQP_URLS=amqp://guest:guest@127.0.0.1:5681,amqp://guest:guest@127.0.0.1:5682,
# amqp://guest:guest@127.0.0.1:5683, and then declare quorum queues (docs/operations.md, "RabbitMQ cluster"). The
# guest user logs in from loopback only, which is all this is for.
#
# Environment (all optional):
#   RABBIT_CLUSTER_PORTS  "5681 5682 5683" (AMQP ports of nodes 1, 2, 3; the Erlang distribution port of each is its
#                         AMQP port + 20000, rabbitmqctl's own port from the AMQP port + 30000 on)
#   RABBIT_CLUSTER_NAME   rr-rabbit (node N is <name>-N@localhost; a second cluster beside the first needs its own)
#   STACK_HOME            ${XDG_CACHE_HOME:-$HOME/.cache}/rate-runner
set -euo pipefail

# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

read -r -a PORTS <<<"${RABBIT_CLUSTER_PORTS:-5681 5682 5683}"
CLUSTER_NAME="${RABBIT_CLUSTER_NAME:-rr-rabbit}"
DIR="$STACK_HOME/rabbitmq-cluster"
RABBIT_BIN=/usr/lib/rabbitmq/bin
MACHINE_AMQP_PORT=5672

log_r() { log rabbitmq-cluster "$@"; }

((${#PORTS[@]} == 3)) || die rabbitmq-cluster "RABBIT_CLUSTER_PORTS must name 3 ports, got \"${PORTS[*]}\""
for port in "${PORTS[@]}"; do
  [[ "$port" =~ ^[0-9]+$ && "$port" != "$MACHINE_AMQP_PORT" ]] || die rabbitmq-cluster "bad AMQP port \"$port\" (5672 is the machine's)"
done

node_name() { echo "$CLUSTER_NAME-$1@localhost"; }
amqp_port() { echo "${PORTS[$(($1 - 1))]}"; }
node_dir() { echo "$DIR/$1"; }
pidfile() { echo "$DIR/$1/rabbitmq.pid"; }

check_node_number() {
  [[ "$1" =~ ^[1-3]$ ]] || die rabbitmq-cluster "a node is 1, 2 or 3, got \"$1\""
}

# What every rabbitmq-server and rabbitmqctl call of node N runs with: its own files, never /etc/rabbitmq's, and HOME
# at the cluster's directory, where Erlang finds the shared cookie.
node_env() {
  local n=$1 port
  port=$(amqp_port "$n")
  echo HOME="$DIR" \
    RABBITMQ_NODENAME="$(node_name "$n")" \
    RABBITMQ_NODE_PORT="$port" \
    RABBITMQ_DIST_PORT=$((port + 20000)) \
    RABBITMQ_CTL_DIST_PORT_MIN=$((port + 30000)) \
    RABBITMQ_CTL_DIST_PORT_MAX=$((port + 30010)) \
    RABBITMQ_CONF_ENV_FILE="$DIR/rabbitmq-env.conf" \
    RABBITMQ_CONFIG_FILE="$(node_dir "$n")/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$(node_dir "$n")/advanced.config" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$(node_dir "$n")/mnesia" \
    RABBITMQ_LOG_BASE="$(node_dir "$n")/log" \
    RABBITMQ_PID_FILE="$(pidfile "$n")"
}

ctl() {
  local n=$1
  shift
  # shellcheck disable=SC2046 # node_env's words are NAME=value pairs without spaces
  env $(node_env "$n") "$RABBIT_BIN/rabbitmqctl" -q -n "$(node_name "$n")" "$@"
}

# The pid of node N if this script started it and it still runs: a beam whose environment names the node guards
# against a stale pidfile whose pid now belongs to another process (the node name is not on its command line).
our_pid() {
  local file pid
  file=$(pidfile "$1")
  [[ -f "$file" ]] || return 1
  pid=$(<"$file")
  [[ "$pid" =~ ^[0-9]+$ ]] && grep -qa "beam" "/proc/$pid/cmdline" 2>/dev/null &&
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "RABBITMQ_NODENAME=$(node_name "$1")" || return 1
  echo "$pid"
}

write_shared_files() {
  mkdir -p "$DIR"
  if [[ ! -f "$DIR/.erlang.cookie" ]]; then
    # The cookie is what lets the nodes (and rabbitmqctl) talk to each other; Erlang refuses one others can read.
    head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DIR/.erlang.cookie"
    chmod 400 "$DIR/.erlang.cookie"
  fi
  echo "ERL_EPMD_ADDRESS=127.0.0.1" >"$DIR/rabbitmq-env.conf"
  # No plugins: management would need a port per node and memory this machine shares.
  echo "[]." >"$DIR/enabled_plugins"
}

write_node_files() {
  local n=$1 dir
  dir=$(node_dir "$n")
  mkdir -p "$dir/mnesia" "$dir/log"
  cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$(amqp_port "$n")
loopback_users.guest = true
# Three nodes and the machine's own share 2 cores and the memory: a modest share each.
vm_memory_high_watermark.relative = 0.1
disk_free_limit.absolute = 50MB
log.file.level = info
log.console = false
EOF
  # Distribution on loopback only.
  echo "[{kernel, [{inet_dist_use_interface, {127,0,0,1}}]}]." >"$dir/advanced.config"
}

# Starts node N in the background (not -detached, so that the pid is the node's own and its pidfile is written by
# the node) and waits until it runs the rabbit application.
start_node() {
  local n=$1 port
  port=$(amqp_port "$n")
  if our_pid "$n" >/dev/null; then
    log_r "node $n already running"
    return
  fi
  port_open 127.0.0.1 "$port" && die rabbitmq-cluster "port $port is taken by a process this script did not start"
  write_node_files "$n"
  (
    # shellcheck disable=SC2046
    exec env $(node_env "$n") setsid "$RABBIT_BIN/rabbitmq-server" >>"$(node_dir "$n")/log/stdout.log" 2>&1 </dev/null
  ) &
}

wait_node() {
  local n=$1 waited=0
  # A node that was in a cluster waits at start for the others it knew (mnesia tables): up to 5 minutes by default.
  until port_open 127.0.0.1 "$(amqp_port "$n")" && our_pid "$n" >/dev/null; do
    ((waited++ < 180)) || die rabbitmq-cluster "node $n did not open port $(amqp_port "$n") within 180 s: see $(node_dir "$n")/log"
    sleep 1
  done
  log_r "node $n ($(node_name "$n")) running on 127.0.0.1:$(amqp_port "$n") (pid $(our_pid "$n"))"
}

# The names of the nodes running in the cluster, as node N sees it.
running_nodes() {
  ctl "$1" eval 'rabbit_nodes:all_running().' 2>/dev/null | tr -d '[]\n ' | tr ',' '\n' | tr -d "'"
}

in_cluster() {
  [[ "$(running_nodes "$1" | grep -c "^$CLUSTER_NAME-")" -ge 3 ]]
}

join_node() {
  local n=$1
  if running_nodes "$n" | grep -qx "$(node_name 1)"; then return; fi
  log_r "joining node $n to node 1"
  ctl "$n" stop_app
  ctl "$n" join_cluster "$(node_name 1)"
  ctl "$n" start_app
}

up() {
  write_shared_files
  local n
  for n in 1 2 3; do start_node "$n"; done
  for n in 1 2 3; do wait_node "$n"; done
  join_node 2
  join_node 3
  local waited=0
  until in_cluster 1; do
    ((waited++ < 60)) || die rabbitmq-cluster "the nodes did not form a cluster of 3 within 60 s"
    sleep 1
  done
  log_r "cluster of 3 running; the services' settings: $(env_lines | tr '\n' ' ')"
}

env_lines() {
  local n urls=()
  for n in 1 2 3; do urls+=("amqp://guest:guest@127.0.0.1:$(amqp_port "$n")"); done
  (
    IFS=,
    echo "AMQP_URLS=${urls[*]}"
  )
}

stop_node() {
  local n=$1 pid
  if pid=$(our_pid "$n"); then
    # A node shuts down cleanly on SIGTERM (its queues' logs flushed) within a few seconds; 30 s before SIGKILL.
    stop_pid "$pid" 30
    log_r "node $n stopped"
  fi
  rm -f "$(pidfile "$n")"
}

down() {
  local n
  # The joined nodes first, node 1 last.
  for n in 3 2 1; do stop_node "$n"; done
  for n in 1 2 3; do rm -rf "$(node_dir "$n")"; done
}

status() {
  local n pid all=0
  for n in 1 2 3; do
    if pid=$(our_pid "$n"); then
      log_r "node $n ($(node_name "$n")) running on 127.0.0.1:$(amqp_port "$n") (pid $pid)"
    else
      log_r "node $n ($(node_name "$n")) not running"
      all=1
    fi
  done
  for n in 1 2 3; do
    if our_pid "$n" >/dev/null; then
      log_r "running in the cluster: $(running_nodes "$n" | tr '\n' ' ')"
      break
    fi
  done
  return $all
}

kill_node() {
  local pid
  check_node_number "$1"
  pid=$(our_pid "$1") || die rabbitmq-cluster "node $1 is not running (not started by this script)"
  kill -9 "$pid"
  rm -f "$(pidfile "$1")"
  log_r "node $1 killed (kill -9 $pid)"
}

start_one() {
  check_node_number "$1"
  write_shared_files
  start_node "$1"
  wait_node "$1"
}

# The number of the node leading QUEUE, asked of any running node.
leader() {
  local queue=$1 n leader_node
  for n in 1 2 3; do
    our_pid "$n" >/dev/null || continue
    leader_node=$(ctl "$n" list_queues --no-table-headers name leader 2>/dev/null | awk -v q="$queue" '$1 == q { print $2 }') || continue
    [[ -n "$leader_node" ]] || continue
    [[ "$leader_node" =~ ^$CLUSTER_NAME-([1-3])@ ]] || die rabbitmq-cluster "queue $queue has no leader of this cluster (\"$leader_node\")"
    echo "${BASH_REMATCH[1]}"
    return
  done
  die rabbitmq-cluster "no running node knows a quorum queue $queue"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) env_lines ;;
  kill) kill_node "${2:?usage: kill N}" ;;
  start) start_one "${2:?usage: start N}" ;;
  leader) leader "${2:?usage: leader QUEUE}" ;;
  *)
    echo "usage: $0 up|down|status|env|kill N|start N|leader QUEUE" >&2
    exit 2
    ;;
esac
