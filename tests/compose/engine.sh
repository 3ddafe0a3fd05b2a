# The Docker engine and Compose v2 for scripts/test-compose.sh; sourced, not run.
# shellcheck shell=bash
#
# engine_up: uses a Docker engine that already answers (DOCKER_HOST, or the default socket);
# otherwise installs Debian's docker.io if dockerd is missing and starts a private dockerd (its own
# socket, data root and exec root under $CT_HOME/engine), recording what it changes on the host
# (net.ipv4.ip_forward, iptables rules and chains, the docker0 bridge) so engine_down undoes it.
# compose_up_to_date: Compose v2 and buildx as CLI plugins in a private $DOCKER_CONFIG, from
# Debian trixie's packages fetched with a private apt state (the system's apt sources are untouched).

CT_ENGINE_DIR="$CT_HOME/engine"
CT_STARTED_ENGINE=0

ct_log() { printf '[compose-test] %s\n' "$*"; }

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

apt_get_install() {
  [[ $EUID -eq 0 ]] || { ct_log "need root to install $*"; return 1; }
  if [[ -z "${CT_APT_UPDATED:-}" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    CT_APT_UPDATED=1
  fi
  ct_log "installing Debian package(s): $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

engine_up() {
  command -v docker >/dev/null || apt_get_install docker.io
  if engine_answers; then
    ct_log "using the Docker engine that already runs ($(docker version -f '{{.Server.Version}}'))"
    return
  fi
  command -v dockerd >/dev/null || apt_get_install docker.io
  command -v iptables >/dev/null || apt_get_install iptables
  mkdir -p "$CT_ENGINE_DIR"
  # What dockerd changes on the host, as it was before.
  cat /proc/sys/net/ipv4/ip_forward >"$CT_ENGINE_DIR/ip_forward.before"
  local table
  for table in filter nat; do
    # An empty rule set still prints its policies; "-A" never matches a line of the empty file.
    { iptables -t "$table" -S 2>/dev/null || true; } >"$CT_ENGINE_DIR/iptables-$table.before"
  done
  if ip link show docker0 >/dev/null 2>&1; then echo yes; else echo no; fi >"$CT_ENGINE_DIR/docker0.before"
  # The containers' MTU follows the host's uplink (1400 on some machines: 1500 stalls TLS).
  local mtu
  mtu=$(ip -o link show "$(ip route show default | awk '{print $5; exit}')" 2>/dev/null | sed -n 's/.* mtu \([0-9]*\).*/\1/p')
  export DOCKER_HOST="unix://$CT_ENGINE_DIR/docker.sock"
  ct_log "starting dockerd (socket $CT_ENGINE_DIR/docker.sock, data root $CT_DATA_ROOT, mtu ${mtu:-1500}; log $CT_ENGINE_DIR/dockerd.log)"
  mkdir -p "$CT_DATA_ROOT" "$CT_ENGINE_DIR/exec"
  dockerd --host "$DOCKER_HOST" --data-root "$CT_DATA_ROOT" --exec-root "$CT_ENGINE_DIR/exec" \
    --pidfile "$CT_ENGINE_DIR/dockerd.pid" --storage-driver overlay2 --mtu "${mtu:-1500}" \
    >"$CT_ENGINE_DIR/dockerd.log" 2>&1 &
  echo $! >"$CT_ENGINE_DIR/dockerd.started"
  CT_STARTED_ENGINE=1
  local i
  for ((i = 0; i < 60; i++)); do
    engine_answers && { ct_log "dockerd $(docker version -f '{{.Server.Version}}') up after ${i}s"; return; }
    kill -0 "$(<"$CT_ENGINE_DIR/dockerd.started")" 2>/dev/null || break
    sleep 1
  done
  ct_log "dockerd did not start; its log ends:"
  tail -n 20 "$CT_ENGINE_DIR/dockerd.log" >&2
  return 1
}

# Undoes dockerd's iptables changes in one table: deletes the rules and chains that were not there before it
# started (newest first), then puts the chains' policies back as they were.
restore_iptables() {
  local table=$1 before="$CT_ENGINE_DIR/iptables-$1.before" rule chain
  [[ -f "$before" ]] || return 0
  iptables -t "$table" -S 2>/dev/null | grep '^-A ' | grep -vxF -f "$before" | tac | while read -r rule; do
    # shellcheck disable=SC2086 # the rule's words, as iptables printed them (none holds a quoted space)
    iptables -t "$table" ${rule/#-A/-D} 2>/dev/null || true
  done
  iptables -t "$table" -S 2>/dev/null | grep '^-N ' | grep -vxF -f "$before" | while read -r _ chain; do
    iptables -t "$table" -F "$chain" 2>/dev/null || true
  done
  iptables -t "$table" -S 2>/dev/null | grep '^-N ' | grep -vxF -f "$before" | while read -r _ chain; do
    iptables -t "$table" -X "$chain" 2>/dev/null || true
  done
  grep '^-P ' "$before" | while read -r _ chain policy; do
    iptables -t "$table" -P "$chain" "$policy" 2>/dev/null || true
  done
}

engine_down() {
  ((CT_STARTED_ENGINE)) || return 0
  local pid i
  pid=$(<"$CT_ENGINE_DIR/dockerd.started")
  ct_log "stopping the dockerd it started (pid $pid) and undoing its host changes"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -KILL "$pid" 2>/dev/null || true
  restore_iptables filter
  restore_iptables nat
  [[ "$(cat "$CT_ENGINE_DIR/docker0.before" 2>/dev/null)" == no ]] && ip link delete docker0 2>/dev/null || true
  sysctl -qw "net.ipv4.ip_forward=$(cat "$CT_ENGINE_DIR/ip_forward.before")" || true
  rm -f "$CT_ENGINE_DIR/dockerd.started"
  CT_STARTED_ENGINE=0
}

# Compose v2 (for --wait, !override/!reset) and buildx: the engine's CLI may have neither.
compose_v2() {
  export DOCKER_CONFIG="$CT_HOME/docker-config"
  local plugins="$DOCKER_CONFIG/cli-plugins"
  [[ -x "$plugins/docker-compose" && -x "$plugins/docker-buildx" ]] && return
  mkdir -p "$plugins"
  if docker compose version >/dev/null 2>&1 && docker buildx version >/dev/null 2>&1; then return; fi
  local apt="$CT_HOME/apt" opts
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
  echo 'deb http://deb.debian.org/debian trixie main' >"$apt/sources.list"
  opts=(-o "Dir::State=$apt" -o "Dir::State::Lists=$apt/lists" -o Dir::State::status=/dev/null
    -o "Dir::Cache=$apt/cache" -o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o APT::Sandbox::User=root)
  ct_log "fetching Compose v2 and buildx from Debian trixie's packages (private apt state in $apt)"
  apt-get "${opts[@]}" update -qq
  (cd "$apt/debs" && apt-get "${opts[@]}" download docker-compose docker-buildx >/dev/null)
  local deb
  for deb in "$apt"/debs/*.deb; do dpkg-deb -x "$deb" "$apt/root"; done
  cp "$apt/root/usr/libexec/docker/cli-plugins/docker-compose" "$apt/root/usr/libexec/docker/cli-plugins/docker-buildx" "$plugins/"
  ct_log "$(docker compose version)"
}
