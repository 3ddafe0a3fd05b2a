# Helpers shared by infra/stack.sh and infra/elasticsearch.sh; sourced, not run.
# shellcheck shell=bash

# Run state (what we started) and caches (Elasticsearch zip and install) live outside
# the repo, so a fresh clone or `git clean` never throws away the ~100 MB Elasticsearch zip.
STACK_HOME="${STACK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/rate-runner}"
[[ "$STACK_HOME" == /* ]] || STACK_HOME="$PWD/$STACK_HOME"

# log SERVICE MESSAGE... -> "[stack] SERVICE: MESSAGE"
log() {
  local service=$1
  shift
  printf '[stack] %s: %s\n' "$service" "$*"
}

# die SERVICE MESSAGE... -> logs to stderr and exits non-zero.
die() {
  log "$@" >&2
  exit 1
}

# stop_pid PID SECONDS : SIGTERM, then SIGKILL if PID has not exited within SECONDS (a process of our own, by its pid).
stop_pid() {
  local pid=$1 tenths=$(($2 * 10)) waited=0
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && ((waited++ < tenths)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
}

# True when something accepts TCP connections on HOST:PORT.
port_open() {
  timeout 2 bash -c ": </dev/tcp/$1/$2" 2>/dev/null
}

# apt_install PACKAGE... : installs Debian packages, running `apt-get update` at most once
# per stack run (the exported flag reaches elasticsearch.sh when stack.sh calls it).
apt_install() {
  [[ $EUID -eq 0 ]] || die apt "need root to install Debian package(s): $*"
  if [[ -z "${STACK_APT_UPDATED:-}" ]]; then
    log apt "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    export STACK_APT_UPDATED=1
  fi
  log apt "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
