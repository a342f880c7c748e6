#!/usr/bin/env bash
# The schema steps: creates Temporal's two PostgreSQL databases (persistence and visibility) when missing and
# brings their schemas to this server version with its schema tool. Idempotent: on a cluster that is up to
# date it changes nothing, so scripts/cluster.sh and docker-compose.yml run it at every start.
#
# Environment: SQL_TOOL (temporal-sql-tool), SCHEMA_DIR (its schema/ folder), POSTGRES_SEEDS, DB_PORT,
# POSTGRES_USER, POSTGRES_PWD, DBNAME (temporal), VISIBILITY_DBNAME (temporal_visibility): the names of
# cluster/temporal.yaml.
set -euo pipefail
: "${SQL_TOOL:?}" "${SCHEMA_DIR:?}" "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${POSTGRES_PWD:?}"
export SQL_PLUGIN=postgres12 SQL_HOST=$POSTGRES_SEEDS SQL_PORT=${DB_PORT:-5432} SQL_USER=$POSTGRES_USER SQL_PASSWORD=$POSTGRES_PWD

step() { # database schema-folder
  local db=$1 dir=$SCHEMA_DIR/postgresql/v12/$2
  # create-database fails when the database exists (the only failure tolerated here: the next steps tell).
  SQL_DATABASE=$db "$SQL_TOOL" create-database --defaultdb postgres >/dev/null 2>&1 || true
  # Version 0.0 (the tool's bookkeeping tables) only on a database that has none yet.
  SQL_DATABASE=$db "$SQL_TOOL" setup-schema -v 0.0 2>&1 | grep -v 'already exists' || true
  SQL_DATABASE=$db "$SQL_TOOL" update-schema -d "$dir/versioned"
}

step "${DBNAME:-temporal}" temporal
step "${VISIBILITY_DBNAME:-temporal_visibility}" visibility
