#!/usr/bin/env bash
# npm test: install, type-check, run the whole suite. Embedded PGlite by default; set
# LBC_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres for real PostgreSQL.
# Extra arguments go to vitest (npm test -- gateway).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
pnpm install --frozen-lockfile --silent
if [ "${LBC_SKIP_TYPECHECK:-}" != "1" ]; then
  pnpm -s typecheck
  echo "typecheck: ok"
fi
pnpm -s exec vitest run "$@"
