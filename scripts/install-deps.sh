#!/usr/bin/env bash
# Installs what the tests need and is missing:
#  - the npm dependencies, when nothing is installed yet or the lockfile changed since (npm rewrites
#    node_modules/.package-lock.json on every install; -nt is also true when it does not exist, i.e.
#    when nothing was installed yet);
#  - with `--browser` (scripts/test.sh, the dashboard benchmark): Debian's Chromium, for the e2e tier and
#    the dashboard benchmark (driven by playwright-core, which downloads no browser of its own), when
#    /usr/bin/chromium is missing and CHROMIUM names no other browser: `apt-get update` once, then
#    `apt-get install chromium` (needs root, like infra/stack.sh). `npm start` needs no browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=infra/lib.sh
source infra/lib.sh

if [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  printf '[deps] installing dependencies\n'
  npm install --no-audit --no-fund
fi

if [[ "${1:-}" == --browser && -z "${CHROMIUM:-}" && ! -x /usr/bin/chromium ]]; then
  printf '[deps] installing Chromium\n'
  # With its fonts: without any, the screenshots of the e2e tier show boxes for text.
  apt_install chromium fonts-liberation
fi
