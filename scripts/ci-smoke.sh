#!/usr/bin/env bash
# The start command against real PostgreSQL: one fresh database per service (agencies, hand-offs) and
# one for the hub (the audit log), created here (never assumed to exist), then
# `pnpm smoke` (see scripts/src/smoke.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
for service in civil_affairs education_enrollment police_household health handoffs hub; do
  db="lbc_smoke_${service}"
  PGOPTIONS='--client-min-messages=warning' psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists ${db} with (force)" -c "create database ${db}"
  export "${service^^}_DATABASE_URL=postgres://postgres@127.0.0.1:5432/${db}"
done
# The databases are new, so the gateway's anchor of the audit log must be too (an old
# anchor would rightly report the new, empty log as cut short).
anchor_dir="$(mktemp -d)"
trap 'rm -rf "$anchor_dir"' EXIT
export LBC_AUDIT_ANCHOR_FILE="$anchor_dir/audit-anchor.jsonl"
pnpm -s smoke
