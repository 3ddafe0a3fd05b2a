#!/usr/bin/env bash
# A three-node Elasticsearch cluster on this one machine, for trying the loss of a node and for the cluster fault
# suite: the same Maven integ-test-zip as infra/elasticsearch.sh (fetched and unpacked once, shared with it), three
# nodes of a cluster of their own, each master-eligible and a data node, with small heaps.
#
# usage: infra/elasticsearch-cluster.sh up|down|status|env|kill N|start N|holding-primaries INDEX
#
#   up                       starts the nodes not running yet and waits until all three are in the cluster, green
#   down                     stops the nodes this script started (and nothing else: never the single node on 9200)
#   status                   one line per node, and the cluster's health; non-zero if a node is down
#   env                      prints the services' settings for it (ELASTICSEARCH_NODES=...), one per line
#   kill N                   kill -9 of node N (1, 2 or 3), as a crash
#   start N                  starts node N again, with its data, and waits until it is back in the cluster
#   holding-primaries INDEX  the number(s) of the node(s) holding primary shards of INDEX, one per line
#   master                   the number of the elected master node
#
# Node N listens for HTTP on the Nth port of ES_CLUSTER_PORTS and for the other nodes on that port + 100. Its data,
# logs, configuration and pidfile are under $STACK_HOME/elasticsearch-cluster-<first port>/node-N, so that clusters
# on other ports never share anything; a node started again keeps its data, as after a crash.
#
# Environment (all optional):
#   ES_CLUSTER_PORTS          "9211 9212 9213" (HTTP, bound to 127.0.0.1; transport: each + 100)
#   ES_CLUSTER_NAME           rate-runner-cluster-<first port>
#   ES_CLUSTER_JAVA_OPTS      -Xms256m -Xmx256m (each node)
#   ES_START_TIMEOUT          180 (seconds to wait for the cluster, or a node, to be back)
#   ES_VERSION, ES_USER       as infra/elasticsearch.sh
#   STACK_HOME                ${XDG_CACHE_HOME:-$HOME/.cache}/rate-runner
set -euo pipefail

# shellcheck source=infra/elasticsearch-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/elasticsearch-lib.sh"

read -r -a HTTP_PORTS <<<"${ES_CLUSTER_PORTS:-9211 9212 9213}"
((${#HTTP_PORTS[@]} == 3)) || die_es "ES_CLUSTER_PORTS must be three ports, got '${HTTP_PORTS[*]}'"
CLUSTER_NAME="${ES_CLUSTER_NAME:-rate-runner-cluster-${HTTP_PORTS[0]}}"
CLUSTER_JAVA_OPTS="${ES_CLUSTER_JAVA_OPTS:--Xms256m -Xmx256m}"
START_TIMEOUT="${ES_START_TIMEOUT:-180}"
CLUSTER_DIR="$STACK_HOME/elasticsearch-cluster-${HTTP_PORTS[0]}"
NODES=(1 2 3)

log_c() { log elasticsearch-cluster "$@"; }
die_c() { die elasticsearch-cluster "$@"; }

http_port() { echo "${HTTP_PORTS[$1 - 1]}"; }
transport_port() { echo $(($(http_port "$1") + 100)); }
node_dir() { echo "$CLUSTER_DIR/node-$1"; }
node_url() { echo "http://127.0.0.1:$(http_port "$1")"; }
pidfile() { echo "$(node_dir "$1")/run/elasticsearch.pid"; }
our_pid() { es_pid_of "$(pidfile "$1")" "$(node_dir "$1")/logs"; }

# One up, start or down at a time per cluster: two at once would both find a node not running and start it twice on
# one data directory, the loser's clean-up removing the winner's pidfile (seen with two suites run at once). A second
# one waits, then finds the nodes running. The nodes must not inherit the lock: each is started with fd 9 closed.
hold_lock() {
  mkdir -p "$CLUSTER_DIR"
  exec 9>"$CLUSTER_DIR/script.lock"
  flock -w 600 9 || die_c "another up, start or down of this cluster held its lock for 10 minutes"
}

check_node() { [[ " ${NODES[*]} " == *" $1 "* ]] || die_c "no node $1: the nodes are 1, 2 and 3"; }

joined() {
  local list=() item
  for item in "$@"; do list+=("$item"); done
  (
    IFS=,
    echo "${list[*]}"
  )
}

# A request to the cluster through whichever node answers.
cluster_get() {
  local n
  for n in "${NODES[@]}"; do
    curl -sf --max-time 5 "$(node_url "$n")$1" 2>/dev/null && return
  done
  return 1
}

# True once every node of ours is in the cluster and it is green (every shard, primaries and replicas, assigned).
cluster_green() {
  cluster_get "/_cluster/health?wait_for_nodes=${#NODES[@]}&wait_for_status=green&timeout=1s" | grep -q '"status":"green"'
}

# True once node N answers and the cluster it is in has every node.
node_back() {
  curl -sf --max-time 5 "$(node_url "$1")/_cluster/health?wait_for_nodes=${#NODES[@]}&timeout=1s" 2>/dev/null | grep -q '"timed_out":false'
}

print_log_tail() {
  local file
  for file in "$(node_dir "$1")/logs/console.log" "$(node_dir "$1")/logs/$CLUSTER_NAME.log"; do
    [[ -s "$file" ]] || continue
    echo "----- last lines of $file -----" >&2
    tail -n 30 "$file" >&2
  done
}

# Starts node N (its own configuration directory, data, logs) and returns once it has started, or failed to.
launch_node() {
  local n=$1 dir seeds=() masters=() m bootstrap=()
  dir=$(node_dir "$n")
  mkdir -p "$dir/data" "$dir/logs" "$dir/run"
  # A configuration directory of its own: a node writes its keystore there, and three nodes must not share one.
  [[ -d "$dir/config" ]] || cp -r "$ES_HOME/config" "$dir/config"
  prepare_es_user "$CLUSTER_DIR" "$dir"
  for m in "${NODES[@]}"; do
    seeds+=("127.0.0.1:$(transport_port "$m")")
    masters+=("node-$m")
  done
  # Only a node that has never been in the cluster takes part in bootstrapping it; one with data already knows its
  # cluster, and Elasticsearch warns about the setting left on a formed cluster.
  [[ -d "$dir/data/_state" ]] || bootstrap=(-Ecluster.initial_master_nodes="$(joined "${masters[@]}")")
  local -a settings
  mapfile -t settings < <(es_local_settings)
  rm -f "$(pidfile "$n")"
  # -d daemonizes once the node has started (or failed); -p writes the pidfile the other commands use.
  as_es_user env ES_JAVA_HOME="$ES_JAVA_HOME" ES_JAVA_OPTS="$CLUSTER_JAVA_OPTS" ES_PATH_CONF="$dir/config" \
    "$ES_HOME/bin/elasticsearch" -d -p "$(pidfile "$n")" \
    -Ecluster.name="$CLUSTER_NAME" \
    -Enode.name="node-$n" \
    -Ehttp.port="$(http_port "$n")" \
    -Etransport.port="$(transport_port "$n")" \
    -Ediscovery.seed_hosts="$(joined "${seeds[@]}")" \
    "${bootstrap[@]}" \
    -Epath.data="$dir/data" \
    -Epath.logs="$dir/logs" \
    "${settings[@]}" \
    >"$dir/logs/console.log" 2>&1 </dev/null 9>&-
}

# start_nodes CHECK N... : starts those of nodes N that are not running, side by side (a node cannot finish starting
# until enough others are there to form the cluster with it), then waits until CHECK holds.
start_nodes() {
  local check=$1 n port
  local -a started=() launches=()
  shift
  ensure_java
  ensure_distribution
  for n in "$@"; do
    if our_pid "$n" >/dev/null; then
      log_c "node $n already running (pid $(our_pid "$n"))"
      continue
    fi
    for port in "$(http_port "$n")" "$(transport_port "$n")"; do
      port_open 127.0.0.1 "$port" && die_c "127.0.0.1:$port (node $n) is taken by a process this script did not start"
    done
    log_c "starting node $n on $(node_url "$n") (transport $(transport_port "$n"), ES_JAVA_OPTS='$CLUSTER_JAVA_OPTS')"
    launch_node "$n" &
    launches+=($!)
    started+=("$n")
  done
  local i
  for i in "${!launches[@]}"; do
    if ! wait "${launches[$i]}"; then
      print_log_tail "${started[$i]}"
      die_c "node ${started[$i]} failed to start (logs: $(node_dir "${started[$i]}")/logs)"
    fi
  done
  local begin=$SECONDS
  until "$check"; do
    if ((SECONDS - begin >= START_TIMEOUT)); then
      for n in "${started[@]}"; do print_log_tail "$n"; done
      die_c "$check did not hold within ${START_TIMEOUT}s (logs: $CLUSTER_DIR/node-*/logs; 'down' stops what started)"
    fi
    sleep 1
  done
}

up() {
  start_nodes cluster_green "${NODES[@]}"
  log_c "cluster $CLUSTER_NAME green with ${#NODES[@]} nodes; the services' settings: $(env_lines | tr '\n' ' ')"
}

start_node() {
  check_node "$1"
  NODE_TO_START=$1
  start_nodes node_to_start_back "$1"
  log_c "node $1 back in the cluster"
}

node_to_start_back() { node_back "$NODE_TO_START"; }

env_lines() {
  local n urls=()
  for n in "${NODES[@]}"; do urls+=("$(node_url "$n")"); done
  printf 'ELASTICSEARCH_NODES=%s\n' "$(joined "${urls[@]}")"
}

down() {
  local n pid waited
  for n in "${NODES[@]}"; do
    if pid=$(our_pid "$n"); then
      kill -TERM "$pid"
      waited=0
      while kill -0 "$pid" 2>/dev/null && ((waited++ < 300)); do sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      log_c "node $n stopped"
    fi
    rm -f "$(pidfile "$n")"
  done
}

status() {
  local n pid all=0 health
  for n in "${NODES[@]}"; do
    if pid=$(our_pid "$n"); then
      log_c "node $n running on $(node_url "$n") (pid $pid)"
    else
      log_c "node $n not running"
      all=1
    fi
  done
  if health=$(cluster_get "/_cat/health?h=status,node.total,shards,unassign"); then
    log_c "cluster $CLUSTER_NAME: $health"
  else
    log_c "cluster $CLUSTER_NAME: no node answers"
  fi
  return $all
}

kill_node() {
  local pid
  check_node "$1"
  pid=$(our_pid "$1") || die_c "node $1 is not running"
  kill -9 "$pid"
  # Gone only once the kernel has reaped it and closed its ports: a `start` right after must find them free.
  local waited=0
  while [[ -e "/proc/$pid" ]] && ((waited++ < 100)); do sleep 0.1; done
  rm -f "$(pidfile "$1")"
  log_c "node $1 killed (kill -9 $pid)"
}

# The nodes are named node-N: the numbers of those holding a started primary of INDEX.
holding_primaries() {
  cluster_get "/_cat/shards/$1?h=prirep,state,node" | awk '$1 == "p" && $2 == "STARTED" { sub(/^node-/, "", $3); print $3 }' | sort -un
}

master() {
  cluster_get "/_cat/master?h=node" | sed 's/^node-//'
}

case "${1:-}" in
  up | down | start) hold_lock ;;
esac
case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  env) env_lines ;;
  kill) kill_node "${2:?usage: kill N}" ;;
  start) start_node "${2:?usage: start N}" ;;
  holding-primaries) holding_primaries "${2:?usage: holding-primaries INDEX}" ;;
  master) master ;;
  *)
    echo "usage: $0 up|down|status|env|kill N|start N|holding-primaries INDEX|master" >&2
    exit 2
    ;;
esac
