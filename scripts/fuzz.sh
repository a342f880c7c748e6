#!/usr/bin/env bash
# `make fuzz`: schemathesis (pinned, from PyPI, installed into .tools/) against the OpenAPI document the API
# serves, with real tokens for several roles.
#
#   1. starts its own Temporal dev server (in memory), worker and API on free ports, with a temporary DATA_DIR
#      (so its signing key, outbox and documents are its own);
#   2. mints a token per role with the API's own key (scripts/token.ts);
#   3. runs schemathesis once per role over every operation of /api/v1/openapi.json: examples, coverage,
#      fuzzing and stateful phases, with the checks below;
#   4. fails if schemathesis found anything, if fewer than FUZZ_MIN_REQUESTS requests were made, or if the
#      API or the worker died or the API is no longer ready at the end.
#
# Checks: no 5xx (not_a_server_error); every status, media type, header and body is the one the document
# declares (status_code_conformance, content_type_conformance, response_headers_conformance,
# response_schema_conformance); input the document forbids is refused with 4xx (negative_data_rejection);
# a secured operation refuses a request without a valid token (ignored_auth).
#
# Environment (all optional): FUZZ_MAX_EXAMPLES (test cases per operation and phase, per role; 20),
# FUZZ_MIN_REQUESTS (5000), FUZZ_ROLES (users, one per role, space-separated), FUZZ_SEED (random),
# FUZZ_WORKERS (2), FUZZ_REQUEST_TIMEOUT (seconds schemathesis waits for an answer; 60), FUZZ_MAX_UNAVAILABLE
# (503s tolerated over the run, each listed: Temporal did not answer in time; 3), FUZZ_KEEP=1 keeps the
# temporary folder (logs, reports) for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/poll-until.sh

SCHEMATHESIS_VERSION=4.32.5
ST_DIR=.tools/schemathesis
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-20}
MIN_REQUESTS=${FUZZ_MIN_REQUESTS:-5000}
WORKERS=${FUZZ_WORKERS:-2}
# Longer than Temporal's own wait for a query (30 s), so a slow answer arrives as the API's 503, not as a timeout.
REQUEST_TIMEOUT=${FUZZ_REQUEST_TIMEOUT:-60}
MAX_UNAVAILABLE=${FUZZ_MAX_UNAVAILABLE:-3}
SEED=${FUZZ_SEED:-$RANDOM$RANDOM}
# staff (submits estimates), appraiser, leader, auditor, administrator, commune officer, reviewer.
ROLES=${FUZZ_ROLES:-quan-bchqs hoa-tckh thep-dt thanh-tt lan-vp khanh-xa-long-dong son-bchqs}
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,ignored_auth

say() { printf '[fuzz] %s\n' "$*"; }

# --- Tools -------------------------------------------------------------------------------------------------
bash scripts/install-temporal.sh
# Every package pinned (scripts/fuzz-requirements.txt): the same seed then makes the same requests on any day.
grep -qx "schemathesis==$SCHEMATHESIS_VERSION" scripts/fuzz-requirements.txt || { say "scripts/fuzz-requirements.txt does not pin schemathesis $SCHEMATHESIS_VERSION"; exit 1; }
stamp="$ST_DIR/.installed-$(sha256sum scripts/fuzz-requirements.txt | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION and its pinned dependencies into $ST_DIR ..."
  rm -rf "$ST_DIR"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --target "$ST_DIR" \
    --no-deps -r scripts/fuzz-requirements.txt >&2
  PYTHONPATH="$ST_DIR" python3 -c 'import schemathesis.cli' # every dependency is in the list
  touch "$stamp"
fi
# Run from the temporary folder: schemathesis keeps its own files (.schemathesis/) in the working directory.
st() { (cd "$TMP" && SCHEMATHESIS_HOOKS="$OLDPWD/scripts/fuzz_hooks.py" PYTHONPATH="$OLDPWD/$ST_DIR" python3 "$OLDPWD/$ST_DIR/bin/st" --config-file "$OLDPWD/scripts/fuzz-schemathesis.toml" "$@"); }

# --- A service of its own ----------------------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bac-son-fuzz-XXXXXX")
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
TEMPORAL_PORT=$(free_port)
API_PORT=$(free_port)
PIDS=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [ "${FUZZ_KEEP:-0}" = 1 ]; then say "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

# Runs a command in a session of its own (so cleanup stops it and its children), output to a log.
launch() { # log command...
  local log=$1
  shift
  setsid "$@" </dev/null >"$log" 2>&1 &
  PIDS+=("$!")
}

wait_for() { # description seconds command...
  local what=$1 seconds=$2
  shift 2
  if ! poll_until "$seconds" : "$@"; then
    say "$what did not come up; last lines of the logs:"
    tail -n 20 "$TMP"/*.log >&2 || true
    exit 1
  fi
}

export TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" TASK_QUEUE=fuzz DATA_DIR="$TMP/data" PORT=$API_PORT
# The fuzzer is one person sending thousands of requests: the per-person limit would answer most with 429.
export RATE_LIMIT_PER_MINUTE=0 LOG_LEVEL=info
mkdir -p "$DATA_DIR"

read -r -a SA_FLAGS <<<"$(npx tsx scripts/search-attribute-flags.ts)"
say "Temporal dev server on $TEMPORAL_ADDRESS, API on 127.0.0.1:$API_PORT, data in $TMP"
launch "$TMP/temporal.log" .tools/py/bin/temporal server start-dev --headless --ip 127.0.0.1 --port "$TEMPORAL_PORT" \
  --log-level error "${SA_FLAGS[@]}"
wait_for "The Temporal server" 120 .tools/py/bin/temporal operator cluster health --address "$TEMPORAL_ADDRESS"
launch "$TMP/worker.log" scripts/worker.sh
WORKER_PID=${PIDS[-1]}
launch "$TMP/api.log" npx tsx api/server.ts
API_PID=${PIDS[-1]}
BASE="http://127.0.0.1:$API_PORT"
wait_for "The API" 120 curl -fsS -o /dev/null --max-time 3 "$BASE/health/ready"

# --- Something to find ---------------------------------------------------------------------------------------
# A campaign of the seed plan (18 commune plans, the assignments of section III) and an estimate, so that the
# lists answer real ids and schemathesis feeds them to the operations on one case (its stateful phase and
# resource pool); without them every such operation would only ever meet a 404.
post_as() { # user path json
  local token
  token=$(npx tsx scripts/token.ts "$1")
  curl -fsS -o /dev/null -w '%{http_code}' --max-time 60 -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data "$3" "$BASE$2"
}
say "seeding: a campaign of the seed plan, an estimate"
# Deadlines counted by the service's own calendar, so they are working days whatever day this runs.
commune_plan_due=$(npx tsx scripts/working-date.ts 20)
report_due=$(npx tsx scripts/working-date.ts 40)
post_as lan-vp /api/v1/campaigns \
  "{\"planId\":\"bac-son-70-nam-dien-bien-phu\",\"communePlanDue\":\"$commune_plan_due\",\"reportDue\":\"$report_due\"}" >/dev/null
post_as quan-bchqs /api/v1/budgets \
  '{"title":"Dự toán thử","lines":[{"description":"Băng rôn","activity":"II.1","quantity":3,"unit":"chiếc","unitPrice":350000}]}' >/dev/null

# --- One run per role ---------------------------------------------------------------------------------------
total=0
failed=()
for user in $ROLES; do
  token=$(npx tsx scripts/token.ts "$user")
  report="$TMP/report-$user.ndjson"
  say "schemathesis as $user (seed $SEED, up to $MAX_EXAMPLES cases per operation and phase) ..."
  status=0
  st run "$BASE/api/v1/openapi.json" \
    --url "$BASE" \
    --header "Authorization: Bearer $token" \
    --checks "$CHECKS" \
    --max-examples "$MAX_EXAMPLES" \
    --workers "$WORKERS" \
    --seed "$SEED" \
    --request-timeout "$REQUEST_TIMEOUT" \
    --continue-on-failure \
    --suppress-health-check all \
    --report ndjson --report-ndjson-path "$report" \
    --output-truncate false \
    --no-color >"$TMP/st-$user.log" 2>&1 || status=$?
  # Every request made, from the run's own event log.
  requests=$(python3 - "$report" <<'EOF'
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    event = json.loads(line)
    def count(node):
        global n
        if isinstance(node, dict):
            if "request" in node and "response" in node and isinstance(node["request"], dict) and "method" in node["request"]:
                n += 1
                return
            for v in node.values():
                count(v)
        elif isinstance(node, list):
            for v in node:
                count(v)
    count(event)
print(n)
EOF
)
  total=$((total + requests))
  sed -n '/SUMMARY/,$p' "$TMP/st-$user.log" | sed "s/^/    [$user] /"
  say "$user: $requests requests, schemathesis exit status $status"
  if [ "$status" -ne 0 ]; then
    failed+=("$user")
    # Failures (a check did not hold) and errors (no answer to check: a timeout, a dropped connection).
    sed -n '/\(FAILURES\|ERRORS\)/,/SUMMARY/p' "$TMP/st-$user.log" | awk 'NR <= 200 { print "    [" who "] " $0 }' who="$user"
    # One line per operation and check or error, kept for the end of the output (CI's record shows only its
    # last lines).
    sed -n '/\(FAILURES\|ERRORS\)/,/SUMMARY/p' "$TMP/st-$user.log" | awk -v who="$user" '
      /^_+ .* _+$/ { op = $0; gsub(/^_+ | _+$/, "", op); next }
      /^- / && op != "" { print "[fuzz] failed as " who ": " op ": " substr($0, 3) }
      /[Tt]imed out|[Tt]imeout|[Cc]onnection|[Rr]eset|[Aa]borted/ && op != "" { print "[fuzz] error as " who ": " op ": " $0 }' \
      | sort -u >>"$TMP/failures.txt"
    grep '❌' "$TMP/st-$user.log" | sed "s/^ */[fuzz] failed as $user, in all: /" >>"$TMP/failures.txt" || true
  fi
done

# --- Verdict -----------------------------------------------------------------------------------------------
alive=1
kill -0 "$API_PID" 2>/dev/null || { say "the API died"; alive=0; }
kill -0 "$WORKER_PID" 2>/dev/null || { say "the worker died"; alive=0; }
curl -fsS -o /dev/null --max-time 5 "$BASE/health/ready" || { say "the API is not ready any more"; alive=0; }
server_errors=$(grep -c '"level":"error"' "$TMP/api.log" || true)
# The slowest answers, to tell a slow Temporal from a hung request when a run reports a timeout.
slowest=$(python3 - "$TMP/api.log" <<'EOF'
import json, sys
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if isinstance(e.get("responseTime"), (int, float)):
        req, res = e.get("req", {}), e.get("res", {})
        rows.append((e["responseTime"], req.get("method", ""), req.get("path", ""), res.get("status", "")))
rows.sort(key=lambda r: r[0], reverse=True)
print("; ".join(f"{ms} ms {m} {u} {s}" for ms, m, u, s in rows[:3]))
EOF
)
served=$(grep -c '"res":{"status"' "$TMP/api.log" || true)
# A workflow task that fails leaves an Update waiting (a request that never answers): the worker says so.
worker_errors=$(grep -c '\[ERROR\]\|Failing workflow task\|WorkflowTaskFailed' "$TMP/worker.log" || true)

say "requests generated: $total (at least $MIN_REQUESTS wanted); roles: $ROLES"
say "requests the API logged: $served; log lines at level error: $server_errors"
# What the API said when it failed (the record keeps only the end of the output, so name it here).
if [ "$server_errors" -gt 0 ]; then
  python3 - "$TMP/api.log" <<'EOF2' >&2
import json, sys
shown = 0
for line in open(sys.argv[1], encoding="utf-8"):
    if '"level":"error"' not in line or shown >= 3:
        continue
    shown += 1
    try:
        e = json.loads(line)
    except ValueError:
        print("[fuzz] API error: " + line[:300].rstrip())
        continue
    err, req = e.get("err") or {}, e.get("req") or {}
    print(f"[fuzz] API error at {e.get('time')}: {req.get('method', '')} {req.get('path', '')}: "
          f"{e.get('msg', '')}: {err.get('type', '')}: {str(err.get('message', ''))[:240]}")
EOF2
fi
# 503s: the API's answer when Temporal did not answer in time (scripts/fuzz-schemathesis.toml lets them through
# the server-error check); a few on a loaded machine say nothing of the API, many say the stack is stuck.
unavailable=$(grep -c '"res":{"status":503}' "$TMP/api.log" || true)
say "answers 503 (Temporal did not answer in time): $unavailable (at most $MAX_UNAVAILABLE tolerated)"
if [ "$unavailable" -gt 0 ]; then
  python3 - "$TMP/api.log" <<'EOF2' >&2
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if '"res":{"status":503}' in line]
for e in rows[:5]:
    print(f"[fuzz]   503 at {e.get('time')} after {e.get('responseTime')} ms: {e.get('msg', '')}")
EOF2
fi
say "slowest answers: $slowest; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
say "worker log lines at level error or on a failed workflow task: $worker_errors"
[ "$worker_errors" -gt 0 ] && grep -m 5 '\[ERROR\]\|Failing workflow task\|WorkflowTaskFailed' "$TMP/worker.log" | cut -c1-300 >&2
if [ "${#failed[@]}" -gt 0 ] || [ "$alive" = 0 ] || [ "$total" -lt "$MIN_REQUESTS" ] || [ "$unavailable" -gt "$MAX_UNAVAILABLE" ]; then
  [ "$unavailable" -gt "$MAX_UNAVAILABLE" ] && say "more 503s than FUZZ_MAX_UNAVAILABLE: Temporal or the worker was stuck"
  [ "${#failed[@]}" -gt 0 ] && say "failures found in the runs as: ${failed[*]} (logs: FUZZ_KEEP=1 keeps them)"
  [ "$total" -lt "$MIN_REQUESTS" ] && say "too few requests: raise FUZZ_MAX_EXAMPLES"
  [ -s "$TMP/failures.txt" ] && head -n 8 "$TMP/failures.txt"
  say "FAILED"
  exit 1
fi
say "0 failures over $total requests"
