#!/usr/bin/env bash
# Performance measurements: the only source of performance claims in this repository (docs/benchmarks.md).
#
# 1. BenchmarkDotNet (tests/Benchmarks): access-token validation with and without the OnTokenValidated check
#    (revoked session, deleted account, current roles), and each registry lookup alone, with 0 / 10k / 1M entries.
#    Short job (3 warm-ups, 3 iterations).
#    Results go where BenchmarkDotNet puts them: BenchmarkDotNet.Artifacts/results/ (gitignored).
# 2. End to end over HTTP: the API (Release, Production, embedded SQLite in a temp folder, allowed by
#    Database:AllowSqliteInProduction, request logs off, rate limits in place but out of wrk's reach)
#    on loopback, loaded with wrk: GET /health, GET /api/v1/users/me with a live token, and with a token whose
#    session was logged out (all 401). Raw wrk output and the summary go to BenchmarkDotNet.Artifacts/http/.
#
# Usage: build/bench.sh [BenchmarkDotNet arguments...]   e.g. build/bench.sh --filter '*Registry*'
#   Without --filter every benchmark runs; without --job the short job is used.
#   BENCH_SKIP_BDN=1 / BENCH_SKIP_HTTP=1 skip a part; BENCH_WRK_SECONDS (default 10), BENCH_WRK_CONNECTIONS (16).
# Loopback only, bounded runs only; everything started here is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d /tmp/cleanauth-bench.XXXXXX)"
OUT="$ROOT/BenchmarkDotNet.Artifacts"
HTTP_OUT="$OUT/http"
WRK_SECONDS="${BENCH_WRK_SECONDS:-10}"
WRK_CONNECTIONS="${BENCH_WRK_CONNECTIONS:-16}"
API_PID=""

log() { printf '[bench.sh] %s\n' "$*" >&2; }

cleanup() {
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi
}

log "load before the run: $(uptime | sed 's/.*load average/load average/')"

# ---------------------------------------------------------------- build
log "building (Release, warnings as errors)"
dotnet build tests/Benchmarks/Benchmarks.csproj -c Release -warnaserror -nologo -v q >"$WORK/build.log" 2>&1 \
  || { grep -E "error|warning" "$WORK/build.log" | sort -u >&2; exit 1; }

# ---------------------------------------------------------------- 1. BenchmarkDotNet
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
  [[ -n "$has_job" ]] || args+=(--job short)
  log "BenchmarkDotNet: ${args[*]}"
  # Run from the repository root: BenchmarkDotNet writes ./BenchmarkDotNet.Artifacts.
  dotnet artifacts/bin/Benchmarks/release/CleanAuth.Benchmarks.dll "${args[@]}" >"$WORK/bdn.log" 2>&1 || {
    tail -80 "$WORK/bdn.log" >&2
    log "BenchmarkDotNet failed (full log above, last 80 lines)"
    exit 1
  }
  # The summary tables, without the per-iteration noise.
  sed -n '/^\/\/ \* Summary \*/,/^\/\/ \* Legends \*/p' "$WORK/bdn.log" | grep -v '^// \* Legends' || true
  log "BenchmarkDotNet reports: $OUT/results/"
fi

[[ "${BENCH_SKIP_HTTP:-}" == 1 ]] && exit 0

# ---------------------------------------------------------------- 2. HTTP, end to end
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

log "publishing the API (Release)"
dotnet publish src/WebApi/WebApi.csproj -c Release -o "$WORK/api" -nologo -v q >"$WORK/publish.log" 2>&1 \
  || { grep -E "error|warning" "$WORK/publish.log" | sort -u >&2; exit 1; }

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
API="$BASE/api/v1"

# Two cores: the API on one, wrk on the other (when taskset exists).
API_PIN=() WRK_PIN=()
if command -v taskset >/dev/null 2>&1 && [[ "$(nproc)" -ge 2 ]]; then
  API_PIN=(taskset -c 0)
  WRK_PIN=(taskset -c 1)
fi

log "starting the API on $BASE ${API_PIN[*]:+(pinned: ${API_PIN[*]})}"
(
  cd "$WORK/api"
  ASPNETCORE_ENVIRONMENT=Production \
  ASPNETCORE_URLS="$BASE" \
  Jwt__SigningKey="$(openssl rand -base64 32)" \
  App__PublicBaseUrl="https://auth.example.com" \
  Database__AllowSqliteInProduction=true \
  Serilog__MinimumLevel__Default=Warning \
  RateLimiting__PerMinute=2000000000 RateLimiting__AuthPerMinute=2000000000 \
    exec "${API_PIN[@]+"${API_PIN[@]}"}" dotnet CleanAuth.WebApi.dll
) >"$WORK/api.log" 2>&1 &
API_PID=$!

for _ in $(seq 1 120); do
  if curl -sf "$BASE/health" >/dev/null 2>&1; then break; fi
  kill -0 "$API_PID" 2>/dev/null || { cat "$WORK/api.log" >&2; log "the API exited"; exit 1; }
  sleep 0.5
done
curl -sf "$BASE/health" >/dev/null || { cat "$WORK/api.log" >&2; log "the API did not become healthy"; exit 1; }

json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# Random, and free of the username and e-mail (the password policy refuses those).
PASSWORD="$(openssl rand -hex 12) lighthouse keeper"
BODY="{\"email\":\"bench@example.com\",\"username\":\"bench\",\"password\":\"$PASSWORD\"}"
code="$(curl -s -o "$WORK/register.json" -w '%{http_code}' -X POST "$API/auth/register" -H 'Content-Type: application/json' -d "$BODY")"
[[ "$code" == 201 ]] || { log "register: expected 201, got $code: $(cat "$WORK/register.json")"; exit 1; }
login() {
  curl -sf -X POST "$API/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench@example.com\",\"password\":\"$PASSWORD\"}" | json_field access_token
}
LIVE_TOKEN="$(login)"     # stays logged in
REVOKED_TOKEN="$(login)"  # a second session, logged out before run (iii)

code="$(status_of "$API/users/me" -H "Authorization: Bearer $LIVE_TOKEN")"
[[ "$code" == 200 ]] || { log "users/me: expected 200, got $code"; exit 1; }

mkdir -p "$HTTP_OUT"
# wrk_run NAME URL [TOKEN]: a 3 s warm-up (discarded), then the measured run.
wrk_run() {
  local name="$1" url="$2" token="${3:-}" header=()
  [[ -n "$token" ]] && header=(-H "Authorization: Bearer $token")
  "${WRK_PIN[@]+"${WRK_PIN[@]}"}" wrk -t1 -c"$WRK_CONNECTIONS" -d3s "${header[@]+"${header[@]}"}" "$url" >/dev/null
  log "wrk: $name (${WRK_SECONDS}s, $WRK_CONNECTIONS connections)"
  "${WRK_PIN[@]+"${WRK_PIN[@]}"}" wrk -t1 -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --latency "${header[@]+"${header[@]}"}" "$url" \
    >"$HTTP_OUT/$name.txt"
}

# (i) and (ii) run before any session is revoked: the registry is empty, as on most instances most of the time.
wrk_run health "$BASE/health"
wrk_run users-me "$API/users/me" "$LIVE_TOKEN"

# Log the second session out; its access token must be refused on the very next request.
code="$(status_of -X POST "$API/auth/logout" -H "Authorization: Bearer $REVOKED_TOKEN")"
[[ "$code" == 204 ]] || { log "logout: expected 204, got $code"; exit 1; }
code="$(status_of "$API/users/me" -H "Authorization: Bearer $REVOKED_TOKEN")"
[[ "$code" == 401 ]] || { log "users/me with a logged-out session: expected 401, got $code"; exit 1; }
code="$(status_of "$API/users/me" -H "Authorization: Bearer $LIVE_TOKEN")"
[[ "$code" == 200 ]] || { log "users/me with the other session: expected 200, got $code"; exit 1; }
log "logged-out session refused at once (401); the other session still 200"

# (iii) every request must be a 401.
wrk_run users-me-revoked "$API/users/me" "$REVOKED_TOKEN"

kill "$API_PID" 2>/dev/null || true
wait "$API_PID" 2>/dev/null || true
API_PID=""

python3 - "$HTTP_OUT" "$WRK_SECONDS" "$WRK_CONNECTIONS" "${API_PIN[*]:-not pinned}" <<'PY' | tee "$HTTP_OUT/summary.md"
import os, re, sys
out, seconds, connections, pinning = sys.argv[1:5]
runs = [
    ("health", "GET /health (no auth)", "2xx"),
    ("users-me", "GET /api/v1/users/me (live token)", "2xx"),
    ("users-me-revoked", "GET /api/v1/users/me (logged-out session)", "401"),
]
def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
print(f"wrk -t1 -c{connections} -d{seconds}s, API {'on core 0, wrk on core 1' if pinning != 'not pinned' else 'not pinned'}")
print()
print("| run | requests/s | p50 ms | p99 ms | requests | non-2xx |")
print("|---|---:|---:|---:|---:|---:|")
failed = False
for name, label, expect in runs:
    text = open(os.path.join(out, f"{name}.txt")).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)) else 0
    errors = re.search(r"Socket errors:.*", text)
    print(f"| {label} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {total:,} | {non2xx:,} |")
    if (expect == "2xx" and non2xx) or (expect == "401" and non2xx != total) or errors:
        failed = True
        print(f"unexpected: {name} ({errors.group(0) if errors else f'{non2xx} non-2xx of {total}'})", file=sys.stderr)
sys.exit(1 if failed else 0)
PY
log "load after the run: $(uptime | sed 's/.*load average/load average/')"
