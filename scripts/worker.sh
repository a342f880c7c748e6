#!/usr/bin/env bash
# The worker process, as every launcher starts it: make start, make cluster, docker-compose, fuzz, the bench
# (which passes its own entry, bench/worker-process.ts, so it measures the same process) and the kill tests.
# `exec` keeps the launcher's pid: a signal sent to it reaches the worker itself.
#
# Memory. The cached workflows live in the V8 heap of the workflow thread; most of the rest of the process's
# memory is garbage V8 has not yet given back, and glibc's malloc arenas, one per thread by default.
# - MALLOC_ARENA_MAX (2 here) bounds the arenas. It costs nothing measurable in speed.
# - WORKER_NODE_FLAGS (none by default) are Node's flags for the worker. `--optimize-for-size` makes V8 give
#   memory back sooner, at a cost in speed: for a worker whose cache (WORKER_MAX_CACHED_WORKFLOWS) holds
#   thousands of workflows.
# Measured with make scale's campaign of 2,000 communes on the dev server (bench/scale.ts), one run each:
#   cache 2,100 (2,101 cached): 1,355 MiB with neither, 1,256 with the arenas bounded, 903-922 with both;
#   cache 500 (the default), arenas bounded: 898 MiB and 82.5 s to start the 2,000 plans without the flag,
#   528 MiB and 103.1 s with it.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
read -r -a flags <<<"${WORKER_NODE_FLAGS:-}"
exec node "${flags[@]}" --import tsx "${1:-worker/main.ts}"
