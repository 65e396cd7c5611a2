#!/usr/bin/env bash
# npm run up: install everything, then start the whole hub (seeding the demo world on first run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh
pnpm install --frozen-lockfile
exec pnpm start
