#!/usr/bin/env bash
# Every test (`npm test`), from a fresh clone: installs the npm dependencies if needed, makes
# Redis, RabbitMQ and Elasticsearch available (infra/stack.sh up: reuses running ones, starts
# the rest and leaves them running for the next run; `bash infra/stack.sh down` stops them),
# then runs the tiers in order, stopping at the first that fails:
#   format (Prettier), lint (ESLint, zero warnings), typecheck (tsc), unit (Jest),
#   integration (the built apps as real processes against the real services).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NG_CLI_ANALYTICS=false
# Show every task's output, passing ones too, so each runner's summary is in the log.
export NX_DEFAULT_OUTPUT_STYLE="${NX_DEFAULT_OUTPUT_STYLE:-static}"

bash scripts/install-deps.sh
bash infra/stack.sh up
npx prettier --check .
npx nx run-many -t lint typecheck test
npx nx run integration-tests:integration
