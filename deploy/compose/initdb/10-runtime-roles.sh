#!/bin/sh
# Runs once, when the PostgreSQL container initialises an empty data directory: creates the
# service's runtime login roles, listed in LBC_RUNTIME_ROLES as "role=password role=password".
# They own nothing; the migration job (migrate.js --grant ROLE) gives them what they need.
set -eu
for pair in ${LBC_RUNTIME_ROLES:-}; do
  role="${pair%%=*}"
  password="${pair#*=}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v role="$role" -v password="$password" <<'SQL'
create role :"role" login password :'password';
SQL
done
