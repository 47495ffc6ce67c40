#!/usr/bin/env bash
# Performance measurements: the only source of performance claims in this repository (docs/benchmarks.md).
#
# 1. BenchmarkDotNet (tests/Benchmarks), short job (3 warm-ups, 3 iterations): access-token validation with and without
#    the OnTokenValidated check, the registries alone, token issuing, both Argon2id adapters beside libsodium's raw call
#    (time and managed bytes per hash), and GetCurrentUserQuery through each pipeline behavior. Then the reference
#    `argon2` CLI at the production parameters (appsettings.json), timed by its own clock over 21 hashes.
#    Reports: BenchmarkDotNet.Artifacts/results/ (gitignored).
# 2. The whole service over HTTP, against the database production uses: a throwaway PostgreSQL cluster and the API
#    (Release, Production) on loopback, both pinned to core 0 with taskset, wrk on core 1. Every row gets a warm-up
#    (DOTNET_TC_CallCountingDelayMs=0, so one core tiers up within it; both servers with the image's DOTNET_GCgen0size)
#    and a measured run; the API's and the cluster's CPU time are read from /proc around the measured run. Rows (docs/benchmarks.md says what each one does):
#      CleanAuth: GET /health (the baseline), GET /api/v1/users/me, the same with a logged-out session's token (all 401),
#        POST /auth/login (one account, 1 and 8 connections; 8 accounts, 8 connections), POST /auth/register (unique
#        users), POST /auth/refresh (each token of each rotating chain sent once), a mix (90% /users/me, 9% refresh,
#        1% login), and a login attack (200 connections of unknown accounts) while a second wrk probes /health.
#      ASP.NET Core Identity (bench/IdentityBaseline, its own database in the same cluster): /health, /users/me,
#        /users/me/claims (token only), /login 1 and 8 connections, /register, /refresh chains.
#      BENCH_LARGE=1 adds: 1,000,000 users and 3,000,000 sessions (seeded once, reused), and /health, /users/me, login
#        and refresh again on them.
#      Each section ends with /health again: its ratio to the section's first /health shows how much the machine changed.
#    build/bench/report.py writes bench/results.json and bench/results.md (requests/s, p50, p99, non-2xx, CPU, each as
#    a ratio to /health of the same run, and the issue's targets) and fails the script if any row got responses it did
#    not intend. Raw wrk output: BenchmarkDotNet.Artifacts/http/.
#
# Usage: build/bench.sh [BenchmarkDotNet arguments...]   e.g. build/bench.sh --filter '*Hashing*'
#   Without --filter every benchmark runs; without --job the short job (BENCH_SHORT=1: the dry job) is used.
#   BENCH_SKIP_BDN=1 / BENCH_SKIP_HTTP=1 / BENCH_SKIP_IDENTITY=1   skip a part
#   BENCH_LARGE=1                   add the large-database pass (first run: 15-20 minutes of seeding)
#   BENCH_WARMUP_SECONDS (15)       warm-up per row, discarded
#   BENCH_SECONDS (15)              measured run per row (BENCH_WRK_SECONDS, the old name, still works)
#   BENCH_SHORT=1                   2 s warm-ups, 4 s rows and BenchmarkDotNet's dry job: checks the harness, measures nothing
#   BENCH_CONNECTIONS (16)          wrk connections of the GET rows and the mix (BENCH_WRK_CONNECTIONS, the old name)
#   BENCH_ATTACK_CONNECTIONS (200)  connections of the login attack
#   BENCH_ONLY (all)                an extended regular expression: run only the rows whose names match (both /health rows always run)
#   BENCH_PG_DIR                    keep the PostgreSQL cluster here (reused across runs); default: a throwaway one,
#                                   or /var/tmp/cleanauth-bench-pg with BENCH_LARGE=1 (so the seeded data survives)
#   BENCH_LOG_LEVEL (Warning)       Serilog's minimum level for the API (Information: a log line per request)
#   BENCH_KEEP_WORK=1               keep the run's working folder (the servers' logs, the token files) and say where
# A default run takes about 30 minutes: BenchmarkDotNet about 20 (half of it the access-token validation rows, each
# filling million-entry registries), HTTP about 11 (19 rows of 15 + 15 s and their set-up). BENCH_LARGE=1 adds about
# 3 minutes, plus 15-20 minutes of seeding the first time (4.8 GB in BENCH_PG_DIR). Skipping BenchmarkDotNet
# (BENCH_SKIP_BDN=1) leaves the hashing targets unmeasured.
# Loopback only, bounded runs only (wrk -d, every wait has a limit); everything started here is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d /tmp/cleanauth-bench.XXXXXX)"
OUT="$ROOT/BenchmarkDotNet.Artifacts"
HTTP_OUT="$OUT/http"
SHORT="${BENCH_SHORT:-}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-$([[ -n "$SHORT" ]] && echo 2 || echo 15)}"
ROW_SECONDS="${BENCH_SECONDS:-${BENCH_WRK_SECONDS:-$([[ -n "$SHORT" ]] && echo 4 || echo 15)}}"
CONNECTIONS="${BENCH_CONNECTIONS:-${BENCH_WRK_CONNECTIONS:-16}}"
ATTACK_CONNECTIONS="${BENCH_ATTACK_CONNECTIONS:-200}"
ONLY="${BENCH_ONLY:-}"
LARGE="${BENCH_LARGE:-}"
LOG_LEVEL="${BENCH_LOG_LEVEL:-Warning}"
PG_DIR="${BENCH_PG_DIR:-$([[ -n "$LARGE" ]] && echo /var/tmp/cleanauth-bench-pg || echo "$WORK/pg")}"
LARGE_DB=cleanauth_bench_large
RUN_ID="$(openssl rand -hex 3)"
API_PID="" PG_STARTED="" BACKGROUND_PIDS=()

log() { printf '[bench.sh] %s\n' "$*" >&2; }

cleanup() {
  local pid
  for pid in "${BACKGROUND_PIDS[@]+"${BACKGROUND_PIDS[@]}"}" "$API_PID"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [[ -n "$PG_STARTED" ]]; then
    as_postgres pg_ctl -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [[ -n "${BENCH_KEEP_WORK:-}" ]]; then log "kept $WORK (the servers' logs)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_root() { if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
install_missing() {
  local missing=() tool
  for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    as_root apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

LOAD_BEFORE="$(uptime | sed 's/.*load average: //')"
log "load before the run: $LOAD_BEFORE"
mkdir -p "$OUT"
rm -rf "$HTTP_OUT" && mkdir -p "$HTTP_OUT"
START_TIME=$(date +%s)

# Two cores: the server side (API and PostgreSQL) on core 0, the load generator on core 1.
SERVER_PIN=() CLIENT_PIN=() SERVER_CORES="$(nproc)"
if command -v taskset >/dev/null 2>&1 && [[ "$(nproc)" -ge 2 ]]; then
  SERVER_PIN=(taskset -c 0)
  CLIENT_PIN=(taskset -c 1)
  SERVER_CORES=1
else
  log "taskset or a second core is missing: nothing is pinned (the figures are not comparable with pinned runs)"
fi

# The run's settings for report.py, then the report: bench/results.md and bench/results.json (exits 1 if a row failed).
report() {
  python3 - "$HTTP_OUT/settings.json" <<PY
import json, sys
json.dump({
    "warmup_seconds": $WARMUP_SECONDS, "seconds": $ROW_SECONDS, "connections": $CONNECTIONS,
    "attack_connections": $ATTACK_CONNECTIONS, "server_cores": $SERVER_CORES,
    "pinning": "${SERVER_PIN[*]:+API and PostgreSQL on core 0, wrk on core 1}" or "not pinned",
    "log_level": "$LOG_LEVEL", "postgres_settings": "fsync=off synchronous_commit=off full_page_writes=off max_connections=300",
    "dotnet_sdk": "$(dotnet --version)", "wrk": "$(wrk -v 2>&1 | head -1 | awk '{print $2}')",
    "postgres": "$(postgres --version | awk '{print $3}')", "short": bool("$SHORT"),
    "load_before": "$LOAD_BEFORE", "load_after": "$(uptime | sed 's/.*load average: //')",
    "duration_seconds": $(( $(date +%s) - START_TIME )),
}, open(sys.argv[1], "w"), indent=2)
PY
  mkdir -p bench
  python3 build/bench/report.py "$HTTP_OUT" bench/results.json bench/results.md
}

# ---------------------------------------------------------------- build
log "building (Release, warnings as errors)"
dotnet build tests/Benchmarks/Benchmarks.csproj -c Release -warnaserror -nologo -v q >"$WORK/build.log" 2>&1 \
  || { grep -E "error|warning" "$WORK/build.log" | sort -u >&2; exit 1; }

# ---------------------------------------------------------------- 1. BenchmarkDotNet, and the argon2 CLI
if [[ "${BENCH_SKIP_BDN:-}" != 1 ]]; then
  args=("$@")
  has_filter="" has_job=""
  for a in "${args[@]+"${args[@]}"}"; do
    case "$a" in
      --filter|-f|--filter=*) has_filter=1 ;;
      --job|-j|--job=*) has_job=1 ;;
    esac
  done
  [[ -n "$has_filter" ]] || args+=(--filter '*')
  [[ -n "$has_job" ]] || args+=(--job "$([[ -n "$SHORT" ]] && echo dry || echo short)")
  # BenchmarkDotNet gives its generated project 2 minutes to build, which a busy 2-core machine can exceed.
  [[ " ${args[*]} " == *" --buildTimeout "* ]] || args+=(--buildTimeout 600)
  # JSON beside BenchmarkDotNet's default reports: report.py reads the means and allocations from it.
  args+=(--exporters json)
  rm -f "$OUT"/results/*-report-full-compressed.json
  log "BenchmarkDotNet: ${args[*]}"
  # Run from the repository root: BenchmarkDotNet writes ./BenchmarkDotNet.Artifacts.
  dotnet artifacts/bin/Benchmarks/release/CleanAuth.Benchmarks.dll "${args[@]}" >"$WORK/bdn.log" 2>&1 || {
    tail -80 "$WORK/bdn.log" >&2
    log "BenchmarkDotNet failed (full log above, last 80 lines)"
    exit 1
  }
  # The summary tables, without the per-iteration noise.
  sed -n '/^\/\/ \* Summary \*/,/^\/\/ \* Legends \*/p' "$WORK/bdn.log" | grep -v '^// \* Legends' || true
  mkdir -p "$HTTP_OUT/bdn" && cp "$OUT"/results/*-report-full-compressed.json "$HTTP_OUT/bdn/" 2>/dev/null || true
  log "BenchmarkDotNet reports: $OUT/results/"

  # The reference C implementation at the production parameters, for scale. Its own timer (printed as "N seconds")
  # covers the hash alone, not the process start. 3 discarded, 21 timed; report.py takes the median.
  install_missing argon2
  read -r memory_kib iterations < <(python3 -c 'import json; p = json.load(open("src/WebApi/appsettings.json"))["PasswordHashing"]; print(p["MemoryKiB"], p["Iterations"])')
  log "argon2 CLI: m=$memory_kib KiB, t=$iterations, p=1, 21 hashes"
  {
    printf '{"memory_kib": %s, "iterations": %s, "seconds": [' "$memory_kib" "$iterations"
    for i in $(seq 1 24); do
      seconds="$(printf 'correct horse battery staple' | argon2 "$(openssl rand -hex 8)" -id -t "$iterations" -k "$memory_kib" -p 1 -l 32 |
        sed -n 's/^\([0-9.]*\) seconds$/\1/p')"
      ((i <= 3)) && continue
      printf '%s%s' "$([[ $i -gt 4 ]] && echo ', ')" "$seconds"
    done
    printf ']}\n'
  } >"$HTTP_OUT/argon2-cli.json"
fi

if [[ "${BENCH_SKIP_HTTP:-}" == 1 ]]; then
  report
  exit
fi

# ---------------------------------------------------------------- 2. HTTP, end to end, on PostgreSQL
install_missing wrk curl

log "publishing the API and the Identity baseline (Release)"
dotnet publish src/WebApi/WebApi.csproj -c Release -o "$WORK/api" -nologo -v q >"$WORK/publish.log" 2>&1 \
  || { grep -E "error|warning" "$WORK/publish.log" | sort -u >&2; exit 1; }
dotnet publish bench/IdentityBaseline/IdentityBaseline.csproj -c Release -o "$WORK/identity" -nologo -v q >"$WORK/publish-identity.log" 2>&1 \
  || { grep -E "error|warning" "$WORK/publish-identity.log" | sort -u >&2; exit 1; }

# ---- PostgreSQL: a cluster of our own (pinned with the API), throwaway unless BENCH_PG_DIR or BENCH_LARGE keeps it.
# As build/test.sh runs it: no fsync, no synchronous commit (the rows measure the service's CPU, not this disk's flushes).
PG_PORT="$(free_port)"
PG_SETTINGS="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
mkdir -p "$PG_DIR"
if [[ "$(id -u)" == 0 ]]; then chown postgres "$PG_DIR" "$WORK"; fi
if [[ ! -f "$PG_DIR/data/PG_VERSION" ]]; then
  as_postgres initdb -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; exit 1; }
fi
as_postgres "${SERVER_PIN[@]+"${SERVER_PIN[@]}"}" pg_ctl -D "$PG_DIR/data" -l "$WORK/pg.log" -w -t 120 start -o "$PG_SETTINGS" >/dev/null \
  || { cat "$WORK/pg.log" >&2; exit 1; }
PG_STARTED=1
PG_PID="$(head -1 "$PG_DIR/data/postmaster.pid")"
export PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER=postgres
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
log "PostgreSQL $(postgres --version | awk '{print $3}') on 127.0.0.1:$PG_PORT, data in $PG_DIR ${SERVER_PIN[*]:+(pinned: ${SERVER_PIN[*]})}"
recreate_db() { psql_q -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" 2>&1 | grep -v NOTICE >&2 || true; }
connection_string() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$1"; }

PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
JWT_KEY="$(openssl rand -base64 32)"
# Both servers run with the runtime settings the image ships (Dockerfile's DOTNET_GCgen0size, ADR-022), so a host
# that hides its cache sizes from the GC slows neither of them.
GC_GEN0_SIZE="$(sed -n 's/.*DOTNET_GCgen0size=\([0-9A-Fa-fx]*\).*/\1/p' Dockerfile)"
[[ -n "$GC_GEN0_SIZE" ]] || { log "Dockerfile sets no DOTNET_GCgen0size"; exit 1; }

# ---- the servers (exec all the way down: the PID started here is the server's own, which /proc is read for)
cleanauth_vars() {
  SERVER_VARS=(ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Default="$(connection_string "$1")"
    Jwt__SigningKey="$JWT_KEY" App__PublicBaseUrl="https://auth.example.com" Serilog__MinimumLevel__Default="$LOG_LEVEL"
    DOTNET_TC_CallCountingDelayMs=0 DOTNET_GCgen0size="$GC_GEN0_SIZE"
    # The limiter stays on every request (its cost is measured) but out of wrk's reach: wrk is one client address.
    RateLimiting__PerMinute=2000000000 RateLimiting__AuthPerMinute=2000000000 RateLimiting__RefreshPerMinute=2000000000)
}
start_cleanauth() {
  log "starting the API (Production, database $1) on $BASE"
  cleanauth_vars "$1"
  (cd "$WORK/api" && exec env "${SERVER_VARS[@]}" ASPNETCORE_URLS="$BASE" "${SERVER_PIN[@]+"${SERVER_PIN[@]}"}" \
    dotnet CleanAuth.WebApi.dll) >"$WORK/api-$1.log" 2>&1 &
  API_PID=$!
  wait_healthy "$WORK/api-$1.log"
}
start_identity() {
  log "starting the Identity baseline (Production, database $1) on $BASE"
  (cd "$WORK/identity" && exec env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="$(connection_string "$1")" \
    Logging__LogLevel__Default="$LOG_LEVEL" DOTNET_TC_CallCountingDelayMs=0 DOTNET_GCgen0size="$GC_GEN0_SIZE" ASPNETCORE_URLS="$BASE" \
    "${SERVER_PIN[@]+"${SERVER_PIN[@]}"}" dotnet IdentityBaseline.dll) >"$WORK/identity.log" 2>&1 &
  API_PID=$!
  wait_healthy "$WORK/identity.log"
}
migrate_large() {
  cleanauth_vars "$LARGE_DB"
  (cd "$WORK/api" && env "${SERVER_VARS[@]}" dotnet CleanAuth.WebApi.dll migrate) >"$WORK/migrate.log" 2>&1 \
    || { cat "$WORK/migrate.log" >&2; exit 1; }
}
wait_healthy() {
  for _ in $(seq 1 240); do
    curl -sf "$BASE/health" >/dev/null 2>&1 && return 0
    kill -0 "$API_PID" 2>/dev/null || { cat "$1" >&2; log "the server exited"; exit 1; }
    sleep 0.5
  done
  cat "$1" >&2; log "the server did not become healthy within 2 minutes"; exit 1
}
stop_server() {
  kill "$API_PID" 2>/dev/null || true
  wait "$API_PID" 2>/dev/null || true
  API_PID=""
}

# ---- rows
# Random, free of the usernames and e-mails, and good for both: CleanAuth's policy (15+ characters, not common) and
# Identity's defaults (upper and lower case, a digit, a symbol).
PASSWORD="$(openssl rand -hex 8) Lighthouse Keeper 7!"
ROW_ENV=() WARMUP_ENV=() MEASURE_ENV=()

# wrk_pinned [NAME=VALUE...] WRK_ARGUMENTS...: wrk on the client core, its script's environment first, bounded by
# timeout. `times` adds wrk's own CPU time to its output (report.py flags a row whose load generator was saturated).
wrk_pinned() {
  local vars=()
  while [[ $# -gt 0 && "$1" != -* && "$1" == *=* ]]; do vars+=("$1"); shift; done
  timeout $((ROW_SECONDS + WARMUP_SECONDS + 60)) env "${vars[@]+"${vars[@]}"}" "${CLIENT_PIN[@]+"${CLIENT_PIN[@]}"}" \
    bash -c 'wrk "$@"; status=$?; times; exit $status' wrk "$@"
}
wanted() { [[ "$1" == health || -z "$ONLY" ]] || [[ "$1" =~ $ONLY ]]; }
snapshot() { "${CLIENT_PIN[@]+"${CLIENT_PIN[@]}"}" python3 build/bench/probe.py proc "$API_PID" "$PG_PID" "$@"; }

# run_row GROUP NAME LABEL EXPECT CONNECTIONS URL [wrk arguments...]
#   EXPECT: 2xx (no other answer), 401 (every answer a 401) or statuses:A,B (the script counts: only these); a
#   "+timeouts" suffix counts requests that outlast wrk's --timeout as a figure, not a failure (the attack's)
#   ROW_ENV (both phases), WARMUP_ENV and MEASURE_ENV (one phase each): environment for build/bench/wrk.lua.
run_row() {
  local group="$1" name="$2" label="$3" expect="$4" connections="$5" url="$6"
  shift 6
  local dir="$HTTP_OUT/$group/$name"
  mkdir -p "$dir"
  log "$group / $name: ${WARMUP_SECONDS}s warm-up, ${ROW_SECONDS}s measured, $connections connections"
  wrk_pinned "${ROW_ENV[@]+"${ROW_ENV[@]}"}" "${WARMUP_ENV[@]+"${WARMUP_ENV[@]}"}" -t1 -c"$connections" -d"${WARMUP_SECONDS}s" --timeout 10s "$@" "$url" >"$dir/warmup.txt" 2>&1 \
    || { cat "$dir/warmup.txt" >&2; log "wrk failed (warm-up of $name)"; exit 1; }
  snapshot --reset-peak >"$dir/before.json"
  wrk_pinned "${ROW_ENV[@]+"${ROW_ENV[@]}"}" "${MEASURE_ENV[@]+"${MEASURE_ENV[@]}"}" -t1 -c"$connections" -d"${ROW_SECONDS}s" --timeout 10s --latency "$@" "$url" >"$dir/wrk.txt" 2>&1 \
    || { cat "$dir/wrk.txt" >&2; log "wrk failed ($name)"; exit 1; }
  snapshot >"$dir/after.json"
  write_meta "$dir" "$group" "$name" "$label" "$expect" "$connections"
  ROW_ENV=() WARMUP_ENV=() MEASURE_ENV=()
}
write_meta() {
  python3 -c 'import json, sys; keys = ["group", "name", "label", "expect", "connections", "order"]
json.dump(dict(zip(keys, sys.argv[2:])), open(sys.argv[1] + "/meta.json", "w"))' "$@" "$(date +%s%N)"
}
accounts_file() {  # accounts_file FILE COUNT TAG: login bodies of the COUNT accounts, one a line
  local i
  : >"$1"
  for i in $(seq 1 "$2"); do
    printf '{"email":"bench-%s-%s-%s@example.com","password":"%s"}\n' "$RUN_ID" "$3" "$i" "$PASSWORD" >>"$1"
  done
}
refresh_tokens() {  # refresh_tokens LOGIN_URL BODY FIELD COUNT FILE
  python3 build/bench/probe.py tokens "$1" "$2" "$3" "$4" >"$5" || { log "logins for refresh chains failed"; exit 1; }
}

# ---------------------------------------------------------------- CleanAuth
# cleanauth_rows GROUP: the rows on the running API. GROUP "cleanauth" runs them all, "large" the subset the
# large-database target names.
cleanauth_rows() {
  local group="$1" api="$BASE/api/v1" tag="$1" i code
  local bodies="$WORK/$group-login-1.txt" bodies8="$WORK/$group-login-8.txt"
  accounts_file "$bodies8" 8 "$tag"
  head -1 "$bodies8" >"$bodies"
  for i in $(seq 1 8); do
    code="$(status_of -X POST "$api/auth/register" -H 'Content-Type: application/json' \
      -d "{\"email\":\"bench-$RUN_ID-$tag-$i@example.com\",\"username\":\"bench_${RUN_ID}_${tag}_$i\",\"password\":\"$PASSWORD\"}")"
    [[ "$code" == 201 ]] || { log "register: expected 201, got $code"; exit 1; }
  done
  login_token() { curl -sf -X POST "$api/auth/login" -H 'Content-Type: application/json' -d "$(head -1 "$bodies")" | json_field access_token; }
  local live revoked
  live="$(login_token)"
  revoked="$(login_token)"
  [[ "$(status_of "$api/users/me" -H "Authorization: Bearer $live")" == 200 ]] || { log "users/me: expected 200"; exit 1; }

  run_row "$group" health "GET /health" 2xx "$CONNECTIONS" "$BASE/health"
  wanted users-me && run_row "$group" users-me "GET /api/v1/users/me" 2xx "$CONNECTIONS" "$api/users/me" -H "Authorization: Bearer $live"

  if [[ "$group" == cleanauth ]] && wanted users-me-revoked; then
    # Log the second session out; its access token must be refused on the very next request, the other session not.
    code="$(status_of -X POST "$api/auth/logout" -H "Authorization: Bearer $revoked")"
    [[ "$code" == 204 ]] || { log "logout: expected 204, got $code"; exit 1; }
    [[ "$(status_of "$api/users/me" -H "Authorization: Bearer $revoked")" == 401 ]] || { log "a logged-out session's token is not refused"; exit 1; }
    [[ "$(status_of "$api/users/me" -H "Authorization: Bearer $live")" == 200 ]] || { log "the other session stopped working"; exit 1; }
    run_row "$group" users-me-revoked "GET /api/v1/users/me, logged-out session (all 401)" 401 "$CONNECTIONS" \
      "$api/users/me" -H "Authorization: Bearer $revoked"
  fi

  if wanted login-1; then
    ROW_ENV=(WRK_MODE=bodies WRK_BODIES="$bodies")
    run_row "$group" login-1 "POST /auth/login, one account, 1 connection" statuses:200 1 "$api/auth/login" -s build/bench/wrk.lua
  fi
  if [[ "$group" == cleanauth ]] && wanted login-8; then
    ROW_ENV=(WRK_MODE=bodies WRK_BODIES="$bodies")
    run_row "$group" login-8 "POST /auth/login, one account, 8 connections" statuses:200 8 "$api/auth/login" -s build/bench/wrk.lua
  fi
  if wanted login-8-accounts; then
    ROW_ENV=(WRK_MODE=bodies WRK_BODIES="$bodies8")
    run_row "$group" login-8-accounts "POST /auth/login, 8 accounts, 8 connections" statuses:200 8 "$api/auth/login" -s build/bench/wrk.lua
  fi
  if [[ "$group" == cleanauth ]] && wanted register; then
    ROW_ENV=(WRK_MODE=template
      WRK_BODY="{\"email\":\"r{n}@bench.example.com\",\"username\":\"r{n}\",\"password\":\"$PASSWORD\"}")
    WARMUP_ENV=(WRK_PREFIX="${RUN_ID}w") MEASURE_ENV=(WRK_PREFIX="${RUN_ID}m")
    run_row "$group" register "POST /auth/register, unique users, 8 connections" statuses:201 8 "$api/auth/register" -s build/bench/wrk.lua
  fi
  if wanted refresh; then
    # One chain per connection plus the spare wrk asks for and never sends; a fresh set of sessions per phase.
    refresh_tokens "$api/auth/login" "$(head -1 "$bodies")" refresh_token 9 "$WORK/$group-chains-warmup.txt"
    refresh_tokens "$api/auth/login" "$(head -1 "$bodies")" refresh_token 9 "$WORK/$group-chains.txt"
    ROW_ENV=(WRK_MODE=chain WRK_BODY='{"refresh_token":"{token}"}' WRK_TOKEN_PATTERN='"refresh_token":"([^"]+)"')
    WARMUP_ENV=(WRK_TOKENS="$WORK/$group-chains-warmup.txt") MEASURE_ENV=(WRK_TOKENS="$WORK/$group-chains.txt")
    run_row "$group" refresh "POST /auth/refresh, 8 rotating chains, 8 connections" statuses:200 8 "$api/auth/refresh" -s build/bench/wrk.lua
  fi
  if [[ "$group" == cleanauth ]] && wanted mixed; then
    live="$(login_token)"  # access tokens live 10 minutes: a fresh one, whatever the rows before took
    refresh_tokens "$api/auth/login" "$(head -1 "$bodies")" refresh_token $((CONNECTIONS + 1)) "$WORK/mixed-chains-warmup.txt"
    refresh_tokens "$api/auth/login" "$(head -1 "$bodies")" refresh_token $((CONNECTIONS + 1)) "$WORK/mixed-chains.txt"
    ROW_ENV=(WRK_MODE=mixed WRK_ME_PATH=/api/v1/users/me WRK_ACCESS_TOKEN="$live" WRK_BODIES="$bodies8"
      WRK_LOGIN_PATH=/api/v1/auth/login WRK_LOGIN_SHARE=0.01 WRK_REFRESH_PATH=/api/v1/auth/refresh WRK_REFRESH_SHARE=0.09
      WRK_BODY='{"refresh_token":"{token}"}' WRK_TOKEN_PATTERN='"refresh_token":"([^"]+)"')
    WARMUP_ENV=(WRK_TOKENS="$WORK/mixed-chains-warmup.txt") MEASURE_ENV=(WRK_TOKENS="$WORK/mixed-chains.txt")
    run_row "$group" mixed "mixed: 90% /users/me, 9% refresh, 1% login" statuses:200 "$CONNECTIONS" "$BASE/" -s build/bench/wrk.lua
  fi
  if [[ "$group" == cleanauth ]] && wanted attack; then
    attack_row "$api"
  fi
}

# A login attack: ATTACK_CONNECTIONS connections of login attempts on accounts that do not exist (each costs a full hash
# against the dummy, or a 503 once the hashing queue is full), while a second wrk, one connection, probes /health as a
# load balancer would. The API's peak resident set over the measured window is the row's memory figure.
attack_row() {
  local api="$1" dir="$HTTP_OUT/cleanauth/attack" probe_dir="$HTTP_OUT/cleanauth/attack-health" attack_pid phase seconds
  mkdir -p "$dir" "$probe_dir"
  log "cleanauth / attack: ${WARMUP_SECONDS}s warm-up, ${ROW_SECONDS}s measured, $ATTACK_CONNECTIONS connections + a /health probe"
  for phase in warmup measure; do
    seconds="$([[ $phase == warmup ]] && echo "$WARMUP_SECONDS" || echo "$ROW_SECONDS")"
    if [[ $phase == measure ]]; then snapshot --reset-peak >"$dir/before.json"; fi
    wrk_pinned WRK_MODE=template WRK_PREFIX="${RUN_ID}${phase:0:1}" \
      WRK_BODY='{"email":"nobody-{n}@attack.example.com","password":"a wrong guess of a password"}' -t1 -c"$ATTACK_CONNECTIONS" -d"$((seconds + 1))s" --timeout 10s --latency -s build/bench/wrk.lua "$api/auth/login" \
      >"$dir/$([[ $phase == warmup ]] && echo warmup || echo wrk).txt" 2>&1 &
    attack_pid=$!
    BACKGROUND_PIDS+=("$attack_pid")
    sleep 0.5
    wrk_pinned -t1 -c1 -d"${seconds}s" --timeout 10s --latency "$BASE/health" \
      >"$probe_dir/$([[ $phase == warmup ]] && echo warmup || echo wrk).txt" 2>&1 || { log "wrk failed (health probe)"; exit 1; }
    wait "$attack_pid" || { cat "$dir/wrk.txt" >&2; log "wrk failed (attack)"; exit 1; }
    if [[ $phase == measure ]]; then snapshot >"$dir/after.json"; fi
  done
  write_meta "$dir" cleanauth attack "POST /auth/login attack: unknown accounts, $ATTACK_CONNECTIONS connections" statuses:401,503+timeouts "$ATTACK_CONNECTIONS"
  write_meta "$probe_dir" cleanauth attack-health "GET /health during the attack, 1 connection" 2xx 1
}

# ---------------------------------------------------------------- Identity
identity_rows() {
  local group=identity bodies="$WORK/identity-login-1.txt" bodies8="$WORK/identity-login-8.txt" i code live
  accounts_file "$bodies8" 8 identity
  head -1 "$bodies8" >"$bodies"
  while read -r body; do
    code="$(status_of -X POST "$BASE/register" -H 'Content-Type: application/json' -d "$body")"
    [[ "$code" == 200 ]] || { log "Identity register: expected 200, got $code"; exit 1; }
  done <"$bodies8"
  live="$(curl -sf -X POST "$BASE/login" -H 'Content-Type: application/json' -d "$(head -1 "$bodies")" | json_field accessToken)"
  [[ "$(status_of "$BASE/users/me" -H "Authorization: Bearer $live")" == 200 ]] || { log "Identity users/me: expected 200"; exit 1; }

  run_row "$group" health "GET /health" 2xx "$CONNECTIONS" "$BASE/health"
  wanted users-me && run_row "$group" users-me "GET /users/me (UserManager look-up)" 2xx "$CONNECTIONS" "$BASE/users/me" -H "Authorization: Bearer $live"
  wanted users-me-claims && run_row "$group" users-me-claims "GET /users/me/claims (token only)" 2xx "$CONNECTIONS" "$BASE/users/me/claims" -H "Authorization: Bearer $live"
  if wanted login-1; then
    ROW_ENV=(WRK_MODE=bodies WRK_BODIES="$bodies")
    run_row "$group" login-1 "POST /login, one account, 1 connection" statuses:200 1 "$BASE/login" -s build/bench/wrk.lua
  fi
  if wanted login-8; then
    ROW_ENV=(WRK_MODE=bodies WRK_BODIES="$bodies")
    run_row "$group" login-8 "POST /login, one account, 8 connections" statuses:200 8 "$BASE/login" -s build/bench/wrk.lua
  fi
  if wanted register; then
    ROW_ENV=(WRK_MODE=template WRK_BODY="{\"email\":\"r{n}@bench.example.com\",\"password\":\"$PASSWORD\"}")
    WARMUP_ENV=(WRK_PREFIX="${RUN_ID}w") MEASURE_ENV=(WRK_PREFIX="${RUN_ID}m")
    run_row "$group" register "POST /register, unique users, 8 connections" statuses:200 8 "$BASE/register" -s build/bench/wrk.lua
  fi
  if wanted refresh; then
    refresh_tokens "$BASE/login" "$(head -1 "$bodies")" refreshToken 9 "$WORK/identity-chains-warmup.txt"
    refresh_tokens "$BASE/login" "$(head -1 "$bodies")" refreshToken 9 "$WORK/identity-chains.txt"
    ROW_ENV=(WRK_MODE=chain WRK_BODY='{"refreshToken":"{token}"}' WRK_TOKEN_PATTERN='"refreshToken":"([^"]+)"')
    WARMUP_ENV=(WRK_TOKENS="$WORK/identity-chains-warmup.txt") MEASURE_ENV=(WRK_TOKENS="$WORK/identity-chains.txt")
    run_row "$group" refresh "POST /refresh, 8 chains, 8 connections" statuses:200 8 "$BASE/refresh" -s build/bench/wrk.lua
  fi
}

# health_end GROUP: /health again once a section's rows are done. Its ratio to the section's first /health is how
# much the machine changed meanwhile (a shared machine does); report.py flags a section that moved more than 15 %.
health_end() { run_row "$1" health-end "GET /health, again after the section's rows" 2xx "$CONNECTIONS" "$BASE/health"; }

# ---------------------------------------------------------------- the passes
recreate_db cleanauth_bench
start_cleanauth cleanauth_bench
cleanauth_rows cleanauth
health_end cleanauth
stop_server

if [[ "${BENCH_SKIP_IDENTITY:-}" != 1 ]]; then
  recreate_db identity_bench
  start_identity identity_bench
  identity_rows
  health_end identity
  stop_server
fi

if [[ -n "$LARGE" ]]; then
  users="$(psql -X -tAq -d "$LARGE_DB" -c 'SELECT count(*) FROM users' 2>/dev/null || echo 0)"
  sessions="$(psql -X -tAq -d "$LARGE_DB" -c 'SELECT count(*) FROM sessions' 2>/dev/null || echo 0)"
  if (( users < 1000000 || sessions < 3000000 )); then
    log "seeding $LARGE_DB: 1,000,000 users, 3,000,000 sessions with their refresh tokens, 3,000,000 audit rows (15-20 minutes)"
    recreate_db "$LARGE_DB"
    migrate_large
    seed_start=$(date +%s)
    psql_q -d "$LARGE_DB" -f build/bench/seed-large.sql
    log "seeded in $(( $(date +%s) - seed_start )) s"
  else
    log "reusing $LARGE_DB ($users users, $sessions sessions); applying any new migration"
    migrate_large
    psql_q -d "$LARGE_DB" -c 'VACUUM (ANALYZE)'
  fi
  psql -X -tAq -d "$LARGE_DB" -c "SELECT json_build_object('users', (SELECT count(*) FROM users), 'sessions', (SELECT count(*) FROM sessions),
    'refresh_tokens', (SELECT count(*) FROM refresh_tokens), 'audit_log', (SELECT count(*) FROM audit_log))" >"$HTTP_OUT/large-data.json"
  start_cleanauth "$LARGE_DB"
  cleanauth_rows large
  health_end large
  stop_server
fi

report
