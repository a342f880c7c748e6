#!/usr/bin/env bash
# Runs one service of the Temporal server (frontend, history, matching or worker) on cluster/temporal.yaml, in
# this process (exec). TEMPORAL_SERVER: the binary (default: temporal-server on PATH). Listening on all
# interfaces (BIND_ON_IP=0.0.0.0, in a container) the others reach it at this host's first address, unless
# TEMPORAL_BROADCAST_ADDRESS says otherwise.
set -euo pipefail
service=${1:?usage: temporal-service.sh frontend|history|matching|worker}
here=$(cd "$(dirname "$0")" && pwd)
if [ "${BIND_ON_IP:-127.0.0.1}" = 0.0.0.0 ] && [ -z "${TEMPORAL_BROADCAST_ADDRESS:-}" ]; then
  TEMPORAL_BROADCAST_ADDRESS=$(hostname -i | awk '{print $1}')
  export TEMPORAL_BROADCAST_ADDRESS
fi
export DYNAMIC_CONFIG_FILE_PATH=${DYNAMIC_CONFIG_FILE_PATH:-$here/dynamicconfig.yaml}
# No authorizer: the frontend is reached only from loopback or the stack's own network (the API checks
# who may do what).
exec "${TEMPORAL_SERVER:-temporal-server}" --config-file "$here/temporal.yaml" --allow-no-auth start --service "$service"
