# Helpers shared by infra/elasticsearch.sh (one node) and infra/elasticsearch-cluster.sh (three): the distribution,
# fetched and unpacked once into $STACK_HOME/elasticsearch, the Java it runs on, the user it runs as, and the settings
# every local node takes. Sourced, not run.
# shellcheck shell=bash

# shellcheck source=infra/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ES_VERSION="${ES_VERSION:-8.19.9}"
ES_USER="${ES_USER:-elasticsearch}"
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
ES_DIR="$STACK_HOME/elasticsearch"
ES_ZIP="$ES_DIR/cache/elasticsearch-$ES_VERSION.zip"
ES_HOME="$ES_DIR/elasticsearch-$ES_VERSION"

log_es() { log elasticsearch "$@"; }
die_es() { die elasticsearch "$@"; }

# Runs a command as the user Elasticsearch runs as: ES_USER when we are root, else ourselves.
as_es_user() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

ensure_java() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  # The integ-test-zip has no bundled JDK: point it at the machine's.
  ES_JAVA_HOME="${ES_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
}

# Fetches (once) and unpacks (once) the distribution into the cache.
ensure_distribution() {
  [[ -x "$ES_HOME/bin/elasticsearch" ]] && return
  mkdir -p "$ES_DIR/cache"
  if [[ ! -f "$ES_ZIP" ]]; then
    command -v mvn >/dev/null || apt_install maven
    log_es "fetching $ES_ARTIFACT with Maven"
    local download="$ES_DIR/cache/download"
    rm -rf "$download"
    mkdir -p "$download"
    # The plugin version is pinned: a bare `dependency:` prefix resolves whatever is newest.
    if ! mvn -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$download" -Dtransitive=false \
      >"$ES_DIR/cache/maven.log" 2>&1; then
      tail -n 40 "$ES_DIR/cache/maven.log" >&2
      die_es "Maven could not fetch $ES_ARTIFACT (full log: $ES_DIR/cache/maven.log)"
    fi
    mv "$download/elasticsearch-$ES_VERSION.zip" "$ES_ZIP"
    rmdir "$download"
  fi
  command -v unzip >/dev/null || apt_install unzip
  log_es "unpacking $(basename "$ES_ZIP")"
  # Unpack beside the target and rename, so an interrupted unzip never looks like an install.
  local staging="$ES_DIR/unpack"
  rm -rf "$staging"
  mkdir -p "$staging"
  unzip -q "$ES_ZIP" -d "$staging"
  mv "$staging/elasticsearch-$ES_VERSION" "$ES_HOME"
  rmdir "$staging"
}

# prepare_es_user STATE_DIR PATH... : as root, Elasticsearch refuses to run as root, so it runs as a system user that
# must own its install (it writes a keystore into its config directory), data, logs and pidfile directories (the
# PATHs), and must be able to reach them through STATE_DIR's parents (e.g. /root is mode 700).
prepare_es_user() {
  [[ $EUID -eq 0 ]] || return 0
  local state_dir=$1
  shift
  if ! id -u "$ES_USER" >/dev/null 2>&1; then
    log_es "creating system user $ES_USER"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
  fi
  chown -R "$ES_USER:" "$ES_HOME" "$@"
  local dir="" part
  local -a parts
  IFS=/ read -ra parts <<<"${state_dir#/}"
  for part in "${parts[@]}"; do
    dir="$dir/$part"
    if ! runuser -u "$ES_USER" -- test -x "$dir"; then
      log_es "granting search permission (o+x, no listing) on $dir so $ES_USER can reach $state_dir"
      chmod o+x "$dir"
    fi
  done
}

# es_local_settings: the -E settings every node started here takes, besides its own names, ports and paths.
# Security off: the zip does carry the x-pack-security module, and left on it would auto-configure TLS and passwords on
# first start (the apps speak plain HTTP). Disk thresholds off: a nearly full dev or test disk must neither stop shards
# from being allocated nor turn indices read-only. Destructive actions by wildcard allowed: tests delete their
# namespaced indices by pattern. Bound to loopback, which also keeps the production bootstrap checks off.
es_local_settings() {
  printf '%s\n' \
    -Enetwork.host=127.0.0.1 \
    -Ecluster.routing.allocation.disk.threshold_enabled=false \
    -Expack.security.enabled=false \
    -Eaction.destructive_requires_name=false
}

# es_pid_of PIDFILE LOGS_DIR: the pid in PIDFILE (written by Elasticsearch itself, -p), if that process is still an
# Elasticsearch whose working directory is LOGS_DIR (where a node runs): a stale pidfile whose pid now belongs to
# another process, or to another node, is not taken for ours.
es_pid_of() {
  local pid
  [[ -f "$1" ]] || return 1
  pid=$(<"$1")
  [[ "$pid" =~ ^[0-9]+$ ]] && grep -qa 'org.elasticsearch' "/proc/$pid/cmdline" 2>/dev/null || return 1
  [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$(readlink -f "$2")" ]] || return 1
  echo "$pid"
}
