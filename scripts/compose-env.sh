#!/usr/bin/env bash
# `npm run compose:env`: the .env docker-compose.yml reads, from .env.example. Adds each setting .env lacks
# (an .env that npm start made holds only API_TOKEN), fills each empty secret with a random one
# (API_TOKEN: 48 hex characters, the passwords 32), and never changes a value already set. Prints the token.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
touch .env
chmod 600 .env
while IFS= read -r line; do
  [[ "$line" =~ ^([A-Z_]+)=(.*)$ ]] || continue
  name=${BASH_REMATCH[1]}
  grep -q "^$name=" .env || printf '%s\n' "$line" >>.env
done <.env.example
fill() {
  grep -q "^$1=." .env && return
  sed -i "s/^$1=\$/$1=$(openssl rand -hex "$2")/" .env
  echo "compose-env: generated $1 in .env"
}
fill API_TOKEN 24
fill RABBITMQ_PASSWORD 16
fill GRAFANA_ADMIN_PASSWORD 16
echo "compose-env: .env is ready; the token: $(sed -n 's/^API_TOKEN=//p' .env)"
