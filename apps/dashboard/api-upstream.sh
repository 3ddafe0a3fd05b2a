#!/bin/sh
# Writes the api's upstream for nginx from Docker's DNS, before nginx starts (the nginx image runs
# /docker-entrypoint.d/*.sh), then every API_RESOLVE_INTERVAL seconds, reloading nginx when the set of
# instances changed (`docker compose up --scale api=N`, a re-created container with a new address).
#
# Why not nginx's own re-resolution: `server api:3000 resolve` in an upstream needs nginx 1.27.3+, and
# `proxy_pass http://$api` (resolver 127.0.0.11) re-resolves but balances round-robin, while Socket.IO's
# long polling needs every request of a session on the same instance: `hash $remote_addr consistent`
# over the listed addresses keeps each client on one instance and moves few clients when one is added.
set -eu

API_HOST="${API_UPSTREAM_HOST:-api}"
API_PORT="${API_UPSTREAM_PORT:-3000}"
INTERVAL="${API_RESOLVE_INTERVAL:-5}"
OUT=/etc/nginx/api-upstream.conf

render() {
  addresses=$(getent ahostsv4 "$API_HOST" 2>/dev/null | awk '{ print $1 }' | sort -u)
  echo "# Written by /docker-entrypoint.d/40-api-upstream.sh from the DNS name $API_HOST."
  echo "upstream api {"
  echo "    hash \$remote_addr consistent;"
  if [ -z "$addresses" ]; then
    # Nothing resolves yet: a refused address (a 502) until the next pass finds an instance.
    echo "    server 127.0.0.1:1;"
  fi
  for address in $addresses; do
    echo "    server $address:$API_PORT max_fails=1 fail_timeout=5s;"
  done
  echo "}"
}

render >"$OUT"
echo "40-api-upstream.sh: $API_HOST -> $(grep -c '^    server' "$OUT") instance(s)"

(
  while sleep "$INTERVAL"; do
    render >"$OUT.next"
    if ! cmp -s "$OUT.next" "$OUT"; then
      mv "$OUT.next" "$OUT"
      echo "40-api-upstream.sh: $API_HOST now $(grep -c '^    server' "$OUT") instance(s); reloading nginx"
      nginx -s reload || true
    fi
  done
) &
