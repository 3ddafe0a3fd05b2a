#!/usr/bin/env bash
# Installs the npm dependencies when nothing is installed yet or the lockfile changed since.
# npm rewrites node_modules/.package-lock.json on every install; -nt is also true when it
# does not exist, i.e. when nothing was installed yet.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  printf '[deps] installing dependencies\n'
  npm install --no-audit --no-fund
fi
