#!/usr/bin/env bash
# Runs every test project against real servers and ends with one line: "N passed, N failed[, N skipped]".
#
# - Installs the Debian packages the tests need when they are missing (argon2: the reference CLI; chromium: the
#   browser the Playwright tests drive, never a browser of Playwright's own; prometheus: its promtool, which checks what
#   /metrics answers). Without recommends: prometheus would bring node-exporter. Where systemd runs, Debian starts a
#   Prometheus server on :9090; nothing here uses that port or talks to it.
# - Starts a throwaway PostgreSQL cluster on a free loopback port unless CLEANAUTH_TEST_PG is set.
# - Starts a real SMTP server (aiosmtpd, writing a Maildir) on a free loopback port unless
#   CLEANAUTH_TEST_SMTP_PORT is set (then CLEANAUTH_TEST_MAILDIR must name the Maildir that server writes).
# - Stops everything it started, even when tests fail or the script is interrupted.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CONFIGURATION="${CONFIGURATION:-Release}"
WORK="$(mktemp -d /tmp/cleanauth-test.XXXXXX)"
RESULTS="$WORK/results"
mkdir -p "$RESULTS"
PG_STARTED=""
SMTP_PID=""

log() { printf '[test.sh] %s\n' "$*" >&2; }

cleanup() {
  if [[ -n "$SMTP_PID" ]]; then
    kill "$SMTP_PID" 2>/dev/null || true
    wait "$SMTP_PID" 2>/dev/null || true
  fi
  if [[ -n "$PG_STARTED" ]]; then
    runuser -u postgres -- pg_ctl -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_missing_packages() {
  local missing=()
  command -v argon2 >/dev/null 2>&1 || missing+=(argon2)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)   # the browser tests drive /usr/bin/chromium (Playwright)
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  if [[ -z "${CLEANAUTH_TEST_SMTP_PORT:-}" ]]; then
    /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
  fi
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    if [[ "$(id -u)" == 0 ]]; then
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_postgres() {
  local port
  port="$(free_port)"
  mkdir -p "$WORK/pg"
  [[ "$(id -u)" == 0 ]] && chown postgres "$WORK" "$WORK/pg"
  as_postgres initdb -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --no-locale >"$WORK/pg/initdb.log" 2>&1 \
    || { cat "$WORK/pg/initdb.log" >&2; return 1; }
  as_postgres pg_ctl -D "$WORK/pg/data" -l "$WORK/pg/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $WORK/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null \
    || { cat "$WORK/pg/server.log" >&2; return 1; }
  PG_STARTED=1
  export CLEANAUTH_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  log "PostgreSQL started on 127.0.0.1:$port"
}

# A real SMTP server: aiosmtpd's Mailbox handler stores every message it accepts in a Maildir (tmp, then
# renamed into new), which the tests read with MimeKit. Debian's interpreter by full path: that is where
# python3-aiosmtpd installs.
start_smtp() {
  local port maildir
  port="$(free_port)"
  maildir="$WORK/mail/Maildir"
  mkdir -p "$maildir/cur" "$maildir/new" "$maildir/tmp"
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$maildir" >"$WORK/mail/smtp.log" 2>&1 &
  SMTP_PID=$!
  for _ in $(seq 1 100); do
    if ! kill -0 "$SMTP_PID" 2>/dev/null; then
      SMTP_PID=""; cat "$WORK/mail/smtp.log" >&2; return 1
    fi
    if /usr/bin/python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()' "$port" 2>/dev/null; then
      export CLEANAUTH_TEST_SMTP_PORT="$port" CLEANAUTH_TEST_MAILDIR="$maildir"
      log "SMTP server (aiosmtpd) started on 127.0.0.1:$port, Maildir $maildir"
      return 0
    fi
    sleep 0.1
  done
  log "SMTP server did not accept connections on 127.0.0.1:$port"; cat "$WORK/mail/smtp.log" >&2
  return 1
}

install_missing_packages
if [[ -z "${CLEANAUTH_TEST_PG:-}" ]]; then
  start_postgres || { echo "0 passed, 1 failed"; exit 1; }
fi
if [[ -z "${CLEANAUTH_TEST_SMTP_PORT:-}" ]]; then
  start_smtp || { echo "0 passed, 1 failed"; exit 1; }
elif [[ -z "${CLEANAUTH_TEST_MAILDIR:-}" ]]; then
  log "CLEANAUTH_TEST_SMTP_PORT is set but CLEANAUTH_TEST_MAILDIR is not: the tests cannot read the mail"
  echo "0 passed, 1 failed"; exit 1
fi

log "restoring and building ($CONFIGURATION)"
dotnet tool restore >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
if ! dotnet build CleanAuth.sln -c "$CONFIGURATION" -warnaserror -nologo -v q >"$WORK/build.log" 2>&1; then
  grep -E "error|warning" "$WORK/build.log" | sort -u | head -50 >&2
  echo "0 passed, 1 failed"
  exit 1
fi

mapfile -t PROJECTS < <(find tests -name '*.csproj' -print | sort | while read -r p; do
  grep -q '<PackageReference Include="xunit.v3"' "$p" && echo "$p"
done)

status=0
for project in "${PROJECTS[@]}"; do
  name="$(basename "$project" .csproj)"
  log "running $name"
  dotnet test --project "$project" -c "$CONFIGURATION" --no-build \
    --results-directory "$RESULTS/$name" --report-xunit-xml --report-xunit-xml-filename "$name.xml" \
    >"$WORK/$name.log" 2>&1 || status=1
  # Failures with their first lines of explanation; the full log is kept only on failure.
  if grep -q -E "^failed " "$WORK/$name.log"; then
    grep -A 12 -E "^failed " "$WORK/$name.log" | grep -v -E "^\s+\[[0-9:]+ [A-Z]{3}\]" >&2 || true
  fi
  grep -E "^\s+(total|failed|succeeded|skipped):" "$WORK/$name.log" | tr -s ' ' | paste -sd' ' >&2 || true
  if [[ ! -f "$RESULTS/$name/$name.xml" ]]; then
    log "$name produced no results"; cat "$WORK/$name.log" >&2; status=1
    echo "$name" >>"$WORK/crashed"
  fi
done

# Smoke check, counted like a test: the published app serves from its publish folder as an operator runs it
# (Production on the embedded SQLite database, which it must be allowed to use), and exits 0 on SIGTERM.
publish_smoke() {
  local out="$WORK/publish" port pid ok="" exit_code
  dotnet publish src/WebApi -c "$CONFIGURATION" -o "$out" --no-build -nologo -v q >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log" >&2; return 1; }
  port="$(free_port)"
  (cd "$out" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    App__PublicBaseUrl="https://auth.example.com" Database__AllowSqliteInProduction=true \
    Jwt__SigningKey="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')" \
    exec dotnet CleanAuth.WebApi.dll) >"$WORK/published-app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.5
  done
  if [[ -n "$ok" ]]; then
    code="$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/auth/register" -H 'Content-Type: application/json' \
      -d '{"email":"smoke@example.com","username":"smoke","password":"correct horse battery staple"}')"
    [[ "$code" == 201 && -f "$out/data/cleanauth.db" ]] || ok=""
  fi
  kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit_code=$?
  if [[ -n "$ok" && "$exit_code" != 0 ]]; then
    log "the published app exited $exit_code on SIGTERM (expected 0)"; ok=""
  fi
  [[ -n "$ok" ]] || { cat "$WORK/published-app.log" >&2; return 1; }
}
log "publish smoke check"
if publish_smoke; then
  printf '<assemblies><assembly name="publish-smoke" total="1" passed="1" failed="0" skipped="0" errors="0"/></assemblies>\n' >"$RESULTS/publish-smoke.xml"
else
  log "publish smoke check failed"
  printf '<assemblies><assembly name="publish-smoke" total="1" passed="0" failed="1" skipped="0" errors="0"/></assemblies>\n' >"$RESULTS/publish-smoke.xml"
  status=1
fi

# Sum the xunit reports: <assembly total=".." passed=".." failed=".." skipped=".." errors="..">
python3 - "$RESULTS" "$WORK/crashed" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(os.path.join(sys.argv[1], "**", "*.xml"), recursive=True):
    for assembly in ET.parse(path).getroot().iter("assembly"):
        passed += int(assembly.get("passed", 0))
        failed += int(assembly.get("failed", 0)) + int(assembly.get("errors", 0))
        skipped += int(assembly.get("skipped", 0))
if os.path.exists(sys.argv[2]):
    failed += len(open(sys.argv[2]).read().split())
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
PY
summary_status=$?
[[ $status -ne 0 || $summary_status -ne 0 ]] && exit 1
exit 0
