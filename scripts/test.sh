#!/usr/bin/env bash
# Every test (`npm test`), from a fresh clone: installs the npm dependencies and Chromium if needed, makes
# Redis, RabbitMQ and Elasticsearch available (infra/stack.sh up: reuses running ones, starts
# the rest and leaves them running for the next run; `bash infra/stack.sh down` stops them),
# then runs the tiers in order, stopping at the first that fails:
#   format (Prettier), lint (ESLint, zero warnings), typecheck (tsc), unit (Jest),
#   integration (the built apps as real processes against the real services),
#   e2e (the built dashboard in a headless Chromium, served by the api of such a system),
#   faults (the CI subset of the fault suite: one trial of each fault marked for CI; `npm run test:faults`
#   runs them all, three trials each),
#   cluster (the CI subset of the cluster suite: one trial of each engine's node killed, each engine a cluster on
#   this machine; `npm run test:cluster` runs three trials each),
#   compose (the Compose file: `compose config` with a dummy token right after the format check, then
#   `npm run test:compose`: the whole stack in containers, a run through its nginx, then down again),
#   k8s (right after the Compose config check, a few seconds: every overlay of deploy/k8s rendered with
#   `kubectl kustomize` and checked against the apps' config code; `npm run test:k8s`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NG_CLI_ANALYTICS=false
# Show every task's output, passing ones too, so each runner's summary is in the log.
export NX_DEFAULT_OUTPUT_STYLE="${NX_DEFAULT_OUTPUT_STYLE:-static}"

bash scripts/install-deps.sh --browser
bash infra/stack.sh up
npx prettier --check .
bash scripts/test-compose.sh config
npx nx run k8s-tests:k8s
npx nx run-many -t lint typecheck test
npx nx run integration-tests:integration
npx nx run e2e-tests:e2e
FAULTS=ci npx nx run fault-tests:faults
CLUSTER=ci npx nx run cluster-tests:cluster
bash scripts/test-compose.sh
