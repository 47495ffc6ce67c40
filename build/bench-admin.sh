#!/usr/bin/env bash
# The admin API at scale (issue 8): 1,000,000 users with sessions and audit rows in PostgreSQL, and the time of each
# list, search, stats and audit query over HTTP, as an administrator sees it. Results: docs/benchmarks.md reads them.
#
# Usage: build/bench-admin.sh
#   Uses the PostgreSQL server in CLEANAUTH_TEST_PG if set (a database named $BENCH_ADMIN_DB, default
#   cleanauth_bench_1m, seeded once and reused while it holds 1,000,000 users), else starts a throwaway cluster.
#   BENCH_ADMIN_RUNS (default 15) timed requests per row after 3 warm-ups; the median and the slowest are reported.
# Loopback only; everything started here is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d /tmp/cleanauth-bench-admin.XXXXXX)"
OUT="$ROOT/BenchmarkDotNet.Artifacts/admin"
DB="${BENCH_ADMIN_DB:-cleanauth_bench_1m}"
RUNS="${BENCH_ADMIN_RUNS:-15}"
API_PID="" PG_STARTED=""

log() { printf '[bench-admin.sh] %s\n' "$*" >&2; }
as_postgres() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

cleanup() {
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; fi
  [[ -n "$PG_STARTED" ]] && as_postgres pg_ctl -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z "${CLEANAUTH_TEST_PG:-}" ]]; then
  port="$(free_port)"
  mkdir -p "$WORK/pg"; [[ "$(id -u)" == 0 ]] && chown postgres "$WORK" "$WORK/pg"
  as_postgres initdb -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  as_postgres pg_ctl -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $WORK/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  PG_STARTED=1
  CLEANAUTH_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  log "PostgreSQL started on 127.0.0.1:$port"
fi
PGHOST="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$CLEANAUTH_TEST_PG")"
PGPORT="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$CLEANAUTH_TEST_PG")"
PGUSER="$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$CLEANAUTH_TEST_PG")"
export PGHOST PGPORT PGUSER
CONNECTION="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Database=$DB"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

log "publishing the API (Release)"
dotnet publish src/WebApi/WebApi.csproj -c Release -o "$WORK/api" -nologo -v q >"$WORK/publish.log" 2>&1 \
  || { grep -E "error|warning" "$WORK/publish.log" | sort -u >&2; exit 1; }

run_api() {
  (cd "$WORK/api" && ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Default="$CONNECTION" \
    Jwt__SigningKey="$(openssl rand -base64 32)" App__PublicBaseUrl="https://auth.example.com" \
    Serilog__MinimumLevel__Default=Warning RateLimiting__PerMinute=2000000000 "$@")
}

users="$(psql -X -tAq -d "$DB" -c 'SELECT count(*) FROM users' 2>/dev/null || echo 0)"
if (( users < 1000000 )); then
  log "seeding $DB: 1,000,000 users, ~1M sessions, 3M audit rows (a few minutes)"
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  run_api dotnet CleanAuth.WebApi.dll migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; exit 1; }
  start=$(date +%s)
  psql_db -f build/bench/seed-1m-users.sql
  log "seeded in $(( $(date +%s) - start )) s"
else
  log "reusing $DB (1,000,000 users); applying any new migration"
  run_api dotnet CleanAuth.WebApi.dll migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; exit 1; }
  psql_db -c 'VACUUM (ANALYZE)'
fi

PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
API="$BASE/api/v1"
ADMIN_PASSWORD="$(openssl rand -hex 12) lighthouse keeper"
ADMIN_EMAIL="bench-admin-$(openssl rand -hex 4)@example.com"
log "starting the API on $BASE with a bootstrap admin"
run_api env ASPNETCORE_URLS="$BASE" Admin__Email="$ADMIN_EMAIL" Admin__Username="bench_admin_$(openssl rand -hex 4)" \
  Admin__Password="$ADMIN_PASSWORD" dotnet CleanAuth.WebApi.dll >"$WORK/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 240); do
  curl -sf "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { cat "$WORK/api.log" >&2; log "the API exited"; exit 1; }
  sleep 0.5
done
TOKEN="$(curl -sf -X POST "$API/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
SOME_USER="$(psql -X -tAq -d "$DB" -c "SELECT id FROM users WHERE normalized_username = 'user_500000'")"

mkdir -p "$OUT"
: >"$WORK/rows.tsv"
measure() {
  local name="$1" path="$2" code times=()
  for _ in 1 2 3; do curl -s -o /dev/null "$API$path" -H "Authorization: Bearer $TOKEN"; done
  for _ in $(seq 1 "$RUNS"); do
    read -r code t < <(curl -s -o "$WORK/body.json" -w '%{http_code} %{time_total}\n' "$API$path" -H "Authorization: Bearer $TOKEN")
    [[ "$code" == 200 ]] || { log "$name: expected 200, got $code: $(head -c 300 "$WORK/body.json")"; exit 1; }
    times+=("$t")
  done
  printf '%s\t%s\t%s\n' "$name" "$path" "${times[*]}" >>"$WORK/rows.tsv"
}

measure "users: first page (created_at desc)" "/admin/users"
measure "users: created_at asc" "/admin/users?sort_order=asc"
measure "users: email asc" "/admin/users?sort_by=email&sort_order=asc"
measure "users: email desc" "/admin/users?sort_by=email"
measure "users: username asc" "/admin/users?sort_by=username&sort_order=asc"
measure "users: username desc" "/admin/users?sort_by=username"
measure "users: last_login_at desc" "/admin/users?sort_by=last_login_at"
measure "users: last_login_at asc" "/admin/users?sort_by=last_login_at&sort_order=asc"
measure "users: role=admin" "/admin/users?role=admin"
measure "users: role=user" "/admin/users?role=user"
measure "users: is_active=false" "/admin/users?is_active=false"
measure "users: email_verified=false" "/admin/users?email_verified=false"
measure "users: is_active=true&email_verified=true" "/admin/users?is_active=true&email_verified=true"
measure "users: search (one match)" "/admin/users?search=user_123457"
measure "users: search (~1,100 matches)" "/admin/users?search=er12345"
measure "users: search (a domain, 20,000 matches)" "/admin/users?search=%40example7.com"
measure "users: page 1,000 (offset 19,980)" "/admin/users?page=1000"
measure "users: page 25,000 (offset 499,980)" "/admin/users?page=25000"
measure "users: last page (50,000)" "/admin/users?page=50000"
measure "users: last_login_at desc, page 25,000" "/admin/users?sort_by=last_login_at&page=25000"
measure "user by id" "/admin/users/$SOME_USER"
measure "stats" "/admin/stats"
measure "audit log: first page" "/admin/audit-log"
measure "audit log: event_type=login.failed" "/admin/audit-log?event_type=login.failed"
measure "audit log: user_id" "/admin/audit-log?user_id=$SOME_USER"
measure "audit log: last 24 h" "/admin/audit-log?from=$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ)"
measure "audit log: page 10,000" "/admin/audit-log?page=10000"
measure "security events (own)" "/users/me/security-events"

python3 - "$WORK/rows.tsv" "$(nproc)" "$(uptime | sed 's/.*load average: //')" <<'PY' | tee "$OUT/summary.md"
import statistics, sys, datetime
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
print(f"Admin API on 1,000,000 users, PostgreSQL, {datetime.date.today()}, {sys.argv[2]} cores, load average after: {sys.argv[3]}")
print()
print("| query | median ms | slowest ms | within 100 ms |")
print("|---|---:|---:|---|")
for name, path, times in rows:
    t = [float(x) * 1000 for x in times.split()]
    median = statistics.median(t)
    print(f"| {name} | {median:.1f} | {max(t):.1f} | {'yes' if median <= 100 else 'NO'} |")
PY
log "summary: $OUT/summary.md"
