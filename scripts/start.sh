#!/usr/bin/env bash
# `make start`: runs the whole service on this machine, in the foreground.
#
#   1. the Temporal CLI dev server, persisting to $DATA_DIR/temporal.sqlite (so a restart loses nothing),
#      with the namespace and the service's custom search attributes;
#   2. once it answers, the worker and the API; once the API answers, where to find everything.
#
# Logs: $DATA_DIR/logs/{temporal,worker,api}.log (the previous run's are kept as *.log.1); the worker's and
# the API's are also shown here, prefixed. Ctrl-C (or SIGTERM/SIGHUP) stops the API and the worker, then the
# server, waiting for each, and exits 0; a second Ctrl-C kills what is still running. If one of the three
# dies on its own, the others are stopped and the script exits 1, naming it and showing the end of its log.
#
# Environment (all optional): TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233), TEMPORAL_NAMESPACE (default),
# PORT (3000), DATA_DIR (data), START_TIMEOUT (seconds each component may take to answer, 120),
# STOP_TIMEOUT (seconds each may take to stop before it is killed; SHUTDOWN_TIMEOUT_SECONDS + 15),
# WORKER_CMD and API_CMD (below). Every other variable of config/env.ts passes through to the worker and the API.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/poll-until.sh

if [ -z "${BASH_VERSINFO:-}" ] || [ "${BASH_VERSINFO[0]}" -lt 4 ]; then
  echo "scripts/start.sh needs bash 4 or newer (this is ${BASH_VERSION:-not bash})." >&2
  exit 1
fi

TEMPORAL_BIN=.tools/py/bin/temporal
TEMPORAL_PORT=${TEMPORAL_PORT:-7233}
TEMPORAL_UI_PORT=${TEMPORAL_UI_PORT:-8233}
TEMPORAL_NAMESPACE=${TEMPORAL_NAMESPACE:-default}
PORT=${PORT:-3000}
DATA_DIR=${DATA_DIR:-data}
START_TIMEOUT=${START_TIMEOUT:-120}
# The worker and the API allow SHUTDOWN_TIMEOUT_SECONDS (config/env.ts) for work in flight; give them more.
STOP_TIMEOUT=${STOP_TIMEOUT:-$((${SHUTDOWN_TIMEOUT_SECONDS:-30} + 15))}
# `node --import tsx` (which scripts/worker.sh execs, with the worker's memory settings) is what
# `npx tsx worker/main.ts` runs, minus the wrappers: npx adds npm and a shell,
# and the tsx CLI a parent process that relays signals to the real one with a 30 ms race, so that a stop
# signal may arrive twice (the Temporal worker then exits at once, mid-shutdown) or end in a SIGKILL.
# One process, one signal. A command given here must likewise stop on a SIGTERM sent to its first process
# (in a shell wrapper, `exec` the real command).
WORKER_CMD=${WORKER_CMD:-scripts/worker.sh}
API_CMD=${API_CMD:-node --import tsx api/server.ts}

# The worker and the API talk to the server started here, whatever TEMPORAL_ADDRESS says elsewhere.
# An IPv4 literal: the server listens on 127.0.0.1 only, and "localhost" may resolve to ::1 first.
export TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"
export TEMPORAL_NAMESPACE PORT DATA_DIR

LOG_DIR="$DATA_DIR/logs"
DB_FILE="$DATA_DIR/temporal.sqlite"
ORDER=(temporal worker api)   # start order
declare -A PID=()             # component -> pid, which is also its process group (each has its own session)
declare -A LABEL=([temporal]="Temporal server" [worker]=worker [api]=API)
STOP_SIGNAL=                  # set by the signal traps; acted upon by check_all
STOPPING=0
FORCE=0
SLEEPER=

if [ -t 1 ]; then
  C_WORKER=$'\e[36m' C_API=$'\e[32m' C_ERR=$'\e[1;31m' C_BOLD=$'\e[1m' C_OFF=$'\e[0m'
else
  C_WORKER='' C_API='' C_ERR='' C_BOLD='' C_OFF=''
fi

say() { printf '%s[start]%s %s\n' "$C_BOLD" "$C_OFF" "$*"; }
fail() { printf '%s[start] error:%s %s\n' "$C_ERR" "$C_OFF" "$*" >&2; }

# The traps only take note: the work is done by check_all, outside any trap (nested bash traps misbehave).
# A first signal asks for an orderly stop; any further one (or one during a stop) forces it.
trap 'if [ "$STOPPING" = 1 ] || [ -n "$STOP_SIGNAL" ]; then FORCE=1; else STOP_SIGNAL=INT; fi' INT
trap 'if [ "$STOPPING" = 1 ] || [ -n "$STOP_SIGNAL" ]; then FORCE=1; else STOP_SIGNAL=TERM; fi' TERM
trap 'if [ "$STOPPING" = 1 ] || [ -n "$STOP_SIGNAL" ]; then FORCE=1; else STOP_SIGNAL=HUP; fi' HUP

# Last resort, on any exit (a failed command under `set -e` included): leave nothing running.
on_exit() {
  local name
  if [ -n "$SLEEPER" ]; then kill "$SLEEPER" 2>/dev/null || true; fi
  for name in "${ORDER[@]}"; do
    if [ -n "${PID[$name]:-}" ]; then kill -TERM -- "-${PID[$name]}" 2>/dev/null || true; fi
  done
  return 0
}
trap on_exit EXIT

# Sleeps in a way a signal interrupts at once (bash runs traps between commands; `wait` is cut short).
nap() {
  sleep "$1" &
  SLEEPER=$!
  wait "$SLEEPER" 2>/dev/null || true
  SLEEPER=
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Copies stdin to the log file and to the terminal, each line prefixed.
show_prefixed() { # name colour logfile
  local prefix line
  prefix=$(printf '%s%-6s|%s' "$2" "$1" "$C_OFF")
  tee -a "$3" | while IFS= read -r line || [ -n "$line" ]; do
    printf '%s %s\n' "$prefix" "$line"
  done
}

# Starts a component in a session of its own, so that a Ctrl-C on the terminal reaches only this script,
# which then stops the components in order. Stdin is /dev/null; output goes to its log (and the terminal).
launch() { # name command show colour
  local name=$1 cmd=$2 show=$3 colour=${4:-} logf="$LOG_DIR/$1.log" out
  if [ -f "$logf" ]; then mv -f "$logf" "$logf.1"; fi
  : >"$logf"
  if [ "$show" = yes ]; then
    # The reader ignores INT/TERM/HUP so that it outlives the component and shows its last words.
    exec {out}> >(trap '' INT TERM HUP; show_prefixed "$name" "$colour" "$logf")
  else
    exec {out}>>"$logf"
  fi
  if command -v setsid >/dev/null 2>&1; then
    setsid bash -c "exec $cmd" </dev/null >&"$out" 2>&1 {out}>&- &
  else # macOS has no setsid(1)
    python3 -c 'import os, sys; os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])' \
      bash -c "exec $cmd" </dev/null >&"$out" 2>&1 {out}>&- &
  fi
  PID[$name]=$!
  exec {out}>&-
}

# Sends a signal to a component's first process only: one signal, handled once (see WORKER_CMD).
send_signal() { # name signal
  if [ -n "${PID[$1]:-}" ]; then kill -s "$2" "${PID[$1]}" 2>/dev/null || true; fi
}

# Waits until the component's process group is gone. Once its first process has exited, whatever it left
# behind is asked to go too; after STOP_TIMEOUT seconds, or on a second Ctrl-C, everything left is killed.
reap() { # name
  local name=$1 pid=${PID[$1]:-} ticks=0 leftovers_told=0
  [ -n "$pid" ] || return 0
  while kill -0 -- "-$pid" 2>/dev/null || kill -0 "$pid" 2>/dev/null; do
    if [ "$leftovers_told" = 0 ] && ! kill -0 "$pid" 2>/dev/null; then
      leftovers_told=1
      kill -TERM -- "-$pid" 2>/dev/null || true
    fi
    if [ "$FORCE" = 1 ] || [ "$ticks" -ge $((STOP_TIMEOUT * 10)) ]; then
      if [ "$FORCE" = 1 ]; then fail "killing the ${LABEL[$name]}"; else fail "the ${LABEL[$name]} did not stop in ${STOP_TIMEOUT}s; killing it"; fi
      kill -KILL -- "-$pid" 2>/dev/null || true
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1 || true # a Ctrl-C kills the sleep too
    ticks=$((ticks + 1))
  done
  wait "$pid" 2>/dev/null || true
  unset "PID[$name]"
}

# Stops the API and the worker (together), then the server.
stop_all() {
  STOPPING=1
  send_signal api TERM
  send_signal worker TERM
  reap api
  reap worker
  send_signal temporal INT # the dev server shuts down cleanly on an interrupt, as on Ctrl-C
  reap temporal
  nap 0.2 # let the log readers print the last lines
}

# Reports a component that exited on its own, stops the rest and exits 1.
died() { # name
  local name=$1 status=0 how
  wait "${PID[$1]}" 2>/dev/null || status=$?
  STOPPING=1
  nap 0.2
  how="exit status $status"
  if [ "$status" -gt 128 ]; then how="$how: killed by signal $((status - 128))"; fi
  fail "the ${LABEL[$name]} exited on its own ($how). Last lines of $LOG_DIR/$name.log:"
  tail -n 30 "$LOG_DIR/$name.log" | sed 's/^/    /' >&2 || true
  say "stopping the others ..."
  stop_all
  exit 1
}

# Acts on a pending stop request, then on a component that has exited.
check_all() {
  local name
  if [ -n "$STOP_SIGNAL" ] && [ "$STOPPING" = 0 ]; then
    echo
    say "SIG$STOP_SIGNAL received: stopping the API and the worker, then the Temporal server ..."
    stop_all
    say "stopped."
    exit 0
  fi
  for name in "${ORDER[@]}"; do
    if [ -n "${PID[$name]:-}" ] && ! kill -0 "${PID[$name]}" 2>/dev/null; then died "$name"; fi
  done
}

# Polls until "$@" succeeds, watching the components; gives up after START_TIMEOUT seconds.
wait_until() { # description command...
  local what=$1
  shift
  if ! poll_until "$START_TIMEOUT" check_all "$@"; then
    fail "$what did not answer within ${START_TIMEOUT}s (raise START_TIMEOUT if the machine is slow)."
    stop_all
    exit 1
  fi
  check_all
}

temporal_healthy() {
  "$TEMPORAL_BIN" operator cluster health --address "$TEMPORAL_ADDRESS" --command-timeout 3s | grep -q SERVING
}

api_live() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 3 "http://localhost:$PORT/health/live"
  else
    node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(3000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
      "http://localhost:$PORT/health/live"
  fi
}

# --- Preflight -------------------------------------------------------------------------------------------
if [ ! -x "$TEMPORAL_BIN" ] || [ ! -d node_modules ]; then
  fail "$TEMPORAL_BIN or node_modules/ is missing: run \`make install\` (\`make start\` does)."
  exit 1
fi
for p in "TEMPORAL_PORT=$TEMPORAL_PORT" "TEMPORAL_UI_PORT=$TEMPORAL_UI_PORT" "PORT=$PORT"; do
  if port_busy "${p#*=}"; then
    fail "port ${p#*=} (${p%%=*}) is already in use: is another \`make start\` running? Stop it, or set ${p%%=*}."
    exit 1
  fi
done

mkdir -p "$DATA_DIR" "$LOG_DIR"

if ! sa_flags_line=$(npx tsx scripts/search-attribute-flags.ts); then
  check_all # a Ctrl-C in the meantime stops here, cleanly
  fail "scripts/search-attribute-flags.ts failed."
  exit 1
fi
read -r -a SA_FLAGS <<<"$sa_flags_line"
if [ "${#SA_FLAGS[@]}" -eq 0 ]; then
  fail "scripts/search-attribute-flags.ts printed no search attributes."
  exit 1
fi
check_all

# --- Temporal server -------------------------------------------------------------------------------------
# start-dev creates the namespace and registers the search attributes at every start; those already in the
# SQLite file are kept as they are, so restarting on the same file is fine (and new attributes get added).
say "starting the Temporal dev server on $TEMPORAL_ADDRESS (state in $DB_FILE, log in $LOG_DIR/temporal.log) ..."
temporal_cmd=$(printf '%q ' "$TEMPORAL_BIN" server start-dev \
  --db-filename "$DB_FILE" --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
  --namespace "$TEMPORAL_NAMESPACE" "${SA_FLAGS[@]}")
launch temporal "$temporal_cmd" no
wait_until "The Temporal server" temporal_healthy
say "the Temporal server is up."

# --- Worker and API --------------------------------------------------------------------------------------
say "starting the worker: $WORKER_CMD"
launch worker "$WORKER_CMD" yes "$C_WORKER"
say "starting the API: $API_CMD"
launch api "$API_CMD" yes "$C_API"
wait_until "The API (http://localhost:$PORT/health/live)" api_live

# The token command signs with the key in DATA_DIR: it needs the same DATA_DIR as the API.
TOKEN_ENV=
if [ "$DATA_DIR" != data ]; then TOKEN_ENV="DATA_DIR=$(printf '%q' "$DATA_DIR") "; fi
cat <<EOF

${C_BOLD}Everything is running.${C_OFF}
  Console        http://localhost:$PORT/   (sign in as a person of the directory while no JWKS issuer is set)
  API            http://localhost:$PORT/api/v1
  API docs       http://localhost:$PORT/docs
  Temporal UI    http://localhost:$TEMPORAL_UI_PORT   (namespace $TEMPORAL_NAMESPACE; gRPC on $TEMPORAL_ADDRESS)
  Logs           $LOG_DIR/{temporal,worker,api}.log

  Get a token (here for the user thep-dt; \`npm run -s token\` lists them all) and call the API with it:
    TOKEN=\$(${TOKEN_ENV}npm run -s token -- thep-dt)
    curl -H "Authorization: Bearer \$TOKEN" http://localhost:$PORT/api/v1/my-work

Ctrl-C stops all three. Everything is kept in $DATA_DIR/ (\`make clean-data\` deletes it).

EOF

# --- Supervise -------------------------------------------------------------------------------------------
while true; do
  check_all
  nap 1
done
