#!/bin/bash
set -e
settings=()
while IFS='=' read -r name value; do
  [[ $name =~ ^[a-z0-9_]+\.[a-z0-9_.]+$ ]] && settings+=("-E$name=$value")
done < <(env)
exec /usr/share/elasticsearch/bin/elasticsearch "${settings[@]}" "$@"
