#!/usr/bin/env bash
# Sourced by the scripts that start pieces and wait for them to answer (start.sh, cluster.sh, fuzz.sh).
# poll_until SECONDS EACH COMMAND...: runs COMMAND, quietly, every half second until it succeeds (status 0) or
# SECONDS have passed (status 1); EACH (a command, `:` for none) runs after every failed try, so a caller can
# watch its other pieces meanwhile. The half-second sleep is waited on, so a trap runs as soon as a signal comes.
poll_until() {
  local deadline=$((SECONDS + $1)) each=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    "$each"
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.5 &
    wait "$!" 2>/dev/null || true
  done
}
