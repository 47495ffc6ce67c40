#!/usr/bin/env python3
"""The report of build/bench.sh: reads one run's raw output and writes results.json and a markdown table.

Usage: report.py HTTP_DIR RESULTS_JSON RESULTS_MD

HTTP_DIR holds GROUP/ROW/{meta.json, wrk.txt, before.json, after.json} per row (probe.py's /proc snapshots around the
measured run), settings.json, and, when BenchmarkDotNet ran, bdn/*.json and argon2-cli.json. Every row's figures are also
given as a ratio to the /health row of its group (same run, same server). A row fails when it got an answer it did not
intend (see EXPECT in bench.sh), a socket error, or no answer at all; the script then exits 1. The issue's targets are
computed from the rows and shown as met or not; a missed target does not fail the run.
"""
import datetime
import glob
import json
import os
import platform
import re
import statistics
import sys

GROUPS = [
    ("cleanauth", "CleanAuth (Production, PostgreSQL)"),
    ("identity", "ASP.NET Core Identity baseline (bench/IdentityBaseline, same cluster)"),
    ("large", "CleanAuth on 1,000,000 users and 3,000,000 sessions"),
]
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value).groups()
    return float(number) * UNITS_MS[unit]


def parse_wrk(text):
    """requests/s, latency percentiles, totals, errors, and the wrk.lua summary line if any."""
    figures = {"requests": 0, "rps": 0.0, "p50_ms": None, "p99_ms": None, "non_2xx": 0, "socket_errors": {}, "script": None}
    if m := re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m|h)", text):
        figures["requests"] = int(m.group(1))
        figures["seconds"] = to_ms(m.group(2) + m.group(3)) / 1000
    if m := re.search(r"Requests/sec:\s+([\d.]+)", text):
        figures["rps"] = float(m.group(1))
    for percentile, key in (("50", "p50_ms"), ("99", "p99_ms")):
        if m := re.search(rf"^\s+{percentile}%\s+(\S+)", text, re.M):
            figures[key] = to_ms(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text):
        figures["non_2xx"] = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        errors = dict(zip(("connect", "read", "write", "timeout"), map(int, m.groups())))
        figures["socket_errors"] = {k: v for k, v in errors.items() if v}
    if m := re.search(r"^wrk-script (\{.*\})$", text, re.M):
        figures["script"] = json.loads(m.group(1))
    # bash's `times` after wrk: the shell's own line, then its children's (wrk's) user and system time.
    times = re.findall(r"^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$", text, re.M)
    if len(times) >= 2 and figures.get("seconds"):
        minutes_user, user, minutes_system, system = times[-1]
        used = 60 * int(minutes_user) + float(user) + 60 * int(minutes_system) + float(system)
        figures["wrk_cpu_percent"] = 100 * used / figures["seconds"]
    return figures


def cpu(before, after, requests):
    """CPU % of one core over the window, and CPU microseconds per request, for the API and the PostgreSQL cluster."""
    if not before or not after:
        return {}
    wall = after["time"] - before["time"]
    tick = 1.0 / after["clk_tck"]
    api = (after["api_ticks"] - before["api_ticks"]) * tick
    pg = (after["pg_ticks"] - before["pg_ticks"]) * tick
    return {
        "api_cpu_percent": 100 * api / wall,
        "pg_cpu_percent": 100 * pg / wall,
        "api_cpu_us_per_request": 1e6 * api / requests if requests else None,
        "server_cpu_us_per_request": 1e6 * (api + pg) / requests if requests else None,
        "api_peak_rss_mb": after["api_peak_rss_kb"] / 1024,
    }


def judge(row):
    """None when the row got only what it intended, else why it failed."""
    expect, script = row["expect"], row.get("script")
    # "+timeouts": requests that outlast wrk's --timeout are a figure of the row (the attack's), not a failure.
    expect, _, tolerated = expect.partition("+")
    if row["requests"] == 0:
        return "no responses"
    errors = {k: v for k, v in row["socket_errors"].items() if not (k == "timeout" and tolerated == "timeouts")}
    if errors:
        return "socket errors " + ", ".join(f"{k} {v}" for k, v in errors.items())
    if expect == "2xx" and row["non_2xx"]:
        return f"{row['non_2xx']} non-2xx responses"
    if expect == "401" and row["non_2xx"] != row["requests"]:
        return f"{row['requests'] - row['non_2xx']} responses were not errors (expected all 401)"
    if expect.startswith("statuses:"):
        if script is None:
            return "the wrk script printed no summary"
        allowed = set(expect.split(":", 1)[1].split(","))
        unexpected = {s: n for s, n in script["statuses"].items() if s not in allowed}
        if unexpected:
            return "unexpected statuses " + ", ".join(f"{s}: {n}" for s, n in sorted(unexpected.items()))
        if script.get("starved"):
            return f"{script['starved']} refreshes found no token left (a chain broke)"
    return None


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def load_rows(http_dir):
    rows = []
    for meta_path in glob.glob(os.path.join(http_dir, "*", "*", "meta.json")):
        directory = os.path.dirname(meta_path)
        meta = load_json(meta_path)
        try:
            text = open(os.path.join(directory, "wrk.txt")).read()
        except FileNotFoundError:
            text = ""
        row = {**meta, "connections": int(meta["connections"]), **parse_wrk(text)}
        row.update(cpu(load_json(os.path.join(directory, "before.json")), load_json(os.path.join(directory, "after.json")), row["requests"]))
        row["failure"] = judge(row)
        rows.append(row)
    rows.sort(key=lambda r: int(r.pop("order")))
    for group, _ in GROUPS:
        health = next((r for r in rows if r["group"] == group and r["name"] == "health"), None)
        for row in (r for r in rows if r["group"] == group):
            row["ratio_to_health"] = ratios(row, health)
    return rows


def ratios(row, health):
    def ratio(key):
        a, b = row.get(key), health.get(key) if health else None
        return a / b if a is not None and b else None
    return {"rps": ratio("rps"), "p50_ms": ratio("p50_ms"), "p99_ms": ratio("p99_ms"),
            "server_cpu_us_per_request": ratio("server_cpu_us_per_request")}


def load_micro(http_dir):
    benchmarks = []
    for path in sorted(glob.glob(os.path.join(http_dir, "bdn", "*.json"))):
        report = load_json(path) or {}
        for b in report.get("Benchmarks", []):
            if not b.get("Statistics"):
                continue
            benchmarks.append({
                # FullName ends in "(Name: value, ...)" untruncated; Parameters shortens long values.
                "type": b["Type"], "method": b["Method"],
                "parameters": m.group(1) if (m := re.search(r"\((.*)\)$", b.get("FullName", ""))) else b.get("Parameters") or "",
                "mean_ns": b["Statistics"]["Mean"], "median_ns": b["Statistics"]["Median"],
                "allocated_bytes": (b.get("Memory") or {}).get("BytesAllocatedPerOperation"),
            })
    cli = load_json(os.path.join(http_dir, "argon2-cli.json"))
    if cli and cli.get("seconds"):
        cli["median_ms"] = statistics.median(cli["seconds"]) * 1000
    return {"benchmarks": benchmarks, "argon2_cli": cli, "runtime": runtime_of(http_dir)}


def runtime_of(http_dir):
    for path in glob.glob(os.path.join(http_dir, "bdn", "*.json")):
        info = (load_json(path) or {}).get("HostEnvironmentInfo") or {}
        if info.get("RuntimeVersion"):
            return info["RuntimeVersion"]
    return None


DRIFT_TOLERANCE = 0.15


def drift(rows, group):
    """A section's closing /health ÷ its opening one: 1.0 when the machine stayed as it was through the section."""
    end = find(rows, group, "health-end")
    return end["ratio_to_health"]["rps"] if end else None


def find(rows, group, name):
    return next((r for r in rows if r["group"] == group and r["name"] == name and not r["failure"]), None)


def bench(micro, type_name, method):
    return next((b for b in micro["benchmarks"] if b["type"] == type_name and b["method"] == method), None)


def targets(rows, micro, settings):
    out = []

    def add(name, measured, goal, met, detail=""):
        out.append({"target": name, "measured": measured, "goal": goal, "met": met, "detail": detail})

    def rps_ratio(a, b):
        return a["rps"] / b["rps"] if a and b and b["rps"] else None

    me, health = find(rows, "cleanauth", "users-me"), find(rows, "cleanauth", "health")
    r = rps_ratio(me, health)
    add("GET /users/me ÷ GET /health", r, "≥ 0.35", r is not None and r >= 0.35)
    r = rps_ratio(me, find(rows, "identity", "users-me"))
    add("GET /users/me ÷ Identity's /users/me", r, "about 10 (met from 9.5)", r is not None and r >= 9.5)

    login1, login8 = find(rows, "cleanauth", "login-1"), find(rows, "cleanauth", "login-8")
    r = rps_ratio(login8, login1)
    add("login, one account: 8 connections ÷ 1 connection", r, "≥ 0.95", r is not None and r >= 0.95)
    verify = bench(micro, "PasswordHashingBenchmarks", "LibsodiumAdapterVerify")
    accounts8 = find(rows, "cleanauth", "login-8-accounts")
    ceiling = settings.get("server_cores", 1) / (verify["mean_ns"] / 1e9) if verify else None
    r = accounts8["rps"] / ceiling if accounts8 and ceiling else None
    add("login, 8 accounts ÷ (server cores ÷ hash time)", r, "≥ 0.9", r is not None and r >= 0.9,
        f"ceiling {ceiling:.1f} logins/s: {settings.get('server_cores', 1)} core(s), one verification "
        f"{verify['mean_ns'] / 1e6:.1f} ms (LibsodiumAdapterVerify)" if ceiling else "needs BenchmarkDotNet's hashing rows")

    r = rps_ratio(find(rows, "cleanauth", "refresh"), find(rows, "identity", "refresh"))
    add("POST /auth/refresh ÷ Identity's /refresh", r, "≥ 2", r is not None and r >= 2)

    raw, adapter = bench(micro, "PasswordHashingBenchmarks", "LibsodiumRawHash"), bench(micro, "PasswordHashingBenchmarks", "LibsodiumAdapterHash")
    r = adapter["mean_ns"] / raw["mean_ns"] if raw and adapter else None
    add("hash: default adapter ÷ libsodium's raw call", r, "≤ 1.05", r is not None and r <= 1.05)
    allocated = adapter["allocated_bytes"] if adapter else None
    add("hash: default adapter's managed allocation (bytes)", allocated, "< 1024", allocated is not None and allocated < 1024)

    attack, probe = find(rows, "cleanauth", "attack"), find(rows, "cleanauth", "attack-health")
    peak = attack.get("api_peak_rss_mb") if attack else None
    add("login attack: the API's peak resident set (MB)", peak, "< 600", peak is not None and peak < 600,
        f"{attack['requests']:,} answers, {attack['socket_errors'].get('timeout', 0):,} attempts timed out after 10 s" if attack else "")
    p99 = probe["p99_ms"] if probe else None
    add("login attack: GET /health p99 (ms)", p99, "< 50", p99 is not None and p99 < 50)

    # Each pass against its own /health, so that a machine that got busier between the passes does not count as the
    # data's cost; the raw ratio and the CPU time per request are in the detail.
    small_health, large_health = find(rows, "cleanauth", "health"), find(rows, "large", "health")
    for name in ("users-me", "login-1", "login-8-accounts", "refresh"):
        large, small = find(rows, "large", name), find(rows, "cleanauth", name)
        if not (large or small):
            continue
        small_share, large_share = rps_ratio(small, small_health), rps_ratio(large, large_health)
        r = small_share / large_share if small_share and large_share else None
        raw = rps_ratio(small, large)
        cpu = (large["server_cpu_us_per_request"] / small["server_cpu_us_per_request"]
               if large and small and large.get("server_cpu_us_per_request") and small.get("server_cpu_us_per_request") else None)
        add(f"large database: {name} cost (small ÷ large, requests/s as a share of each pass's /health)", r, "≤ 1.5",
            r is not None and r <= 1.5,
            f"raw requests/s {raw:.2f}×, server CPU per request {cpu:.2f}×" if raw and cpu else "")
    return out


def machine():
    info = {"os": platform.platform(), "kernel": platform.release(), "logical_cores": os.cpu_count()}
    try:
        info["os"] = re.search(r'PRETTY_NAME="([^"]+)"', open("/etc/os-release").read()).group(1)
        info["cpu"] = re.search(r"model name\s*:\s*(.+)", open("/proc/cpuinfo").read()).group(1).strip()
        info["memory_gb"] = round(int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1)) / 1024 / 1024, 1)
    except (OSError, AttributeError):
        pass
    return info


# ---------------------------------------------------------------- markdown
def fmt(value, digits=0, suffix=""):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{suffix}"


def fmt_ratio(value):
    return "–" if value is None else f"{value:.2f}×" if value < 10 else f"{value:.1f}×"


def row_table(rows):
    lines = ["| row | conn. | req/s | × /health | p50 ms | p99 ms | non-2xx | API CPU | PG CPU | server CPU µs/req | × /health | |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        ratio = r["ratio_to_health"]
        status = f"**FAILED**: {r['failure']}" if r["failure"] else "ok"
        if (r.get("wrk_cpu_percent") or 0) > 90:
            status += f" (wrk at {r['wrk_cpu_percent']:.0f}% of its core: the load generator may be the limit)"
        if r.get("script") and r["name"] == "mixed":
            sent = r["script"]["sent"]
            total = sum(sent.values()) or 1
            status += f" (sent: {100 * sent['me'] / total:.0f}% me, {100 * sent['refresh'] / total:.0f}% refresh, {100 * sent['login'] / total:.0f}% login)"
        if r["name"] == "attack" and r.get("script"):
            status += " (" + ", ".join(f"{s}: {n:,}" for s, n in sorted(r["script"]["statuses"].items())) + \
                f"; {r['socket_errors'].get('timeout', 0):,} timed out after 10 s; peak RSS {fmt(r.get('api_peak_rss_mb'), 0, ' MB')})"
        lines.append(
            f"| {r['label']} | {r['connections']} | {fmt(r['rps'])} | {fmt_ratio(ratio['rps'])} | {fmt(r['p50_ms'], 2)} | "
            f"{fmt(r['p99_ms'], 2)} | {fmt(r['non_2xx'])} | {fmt(r.get('api_cpu_percent'), 0, '%')} | "
            f"{fmt(r.get('pg_cpu_percent'), 0, '%')} | {fmt(r.get('server_cpu_us_per_request'), 0)} | "
            f"{fmt_ratio(ratio['server_cpu_us_per_request'])} | {status} |")
    return lines


def micro_tables(micro):
    lines = []
    hashing = [b for b in micro["benchmarks"] if b["type"] == "PasswordHashingBenchmarks"]
    if hashing:
        lines += ["### Password hashing (production parameters)", "",
                  "| benchmark | mean ms | × libsodium raw | managed bytes |", "|---|---:|---:|---:|"]
        for b in hashing:
            base = bench(micro, "PasswordHashingBenchmarks", "LibsodiumRawVerify" if "Verify" in b["method"] else "LibsodiumRawHash")
            lines.append(f"| {b['method']} | {b['mean_ns'] / 1e6:,.1f} | {fmt_ratio(b['mean_ns'] / base['mean_ns'] if base else None)} | "
                         f"{fmt(b['allocated_bytes'])} |")
        cli = micro.get("argon2_cli")
        if cli and cli.get("median_ms") is not None:
            lines.append(f"| `argon2` CLI (reference C, m={cli['memory_kib']} KiB, t={cli['iterations']}; median of "
                         f"{len(cli['seconds'])}, its own clock) | {cli['median_ms']:,.1f} | "
                         f"{fmt_ratio(cli['median_ms'] * 1e6 / base['mean_ns']) if (base := bench(micro, 'PasswordHashingBenchmarks', 'LibsodiumRawHash')) else '–'} | – |")
        lines.append("")
    others = [b for b in micro["benchmarks"] if b["type"] != "PasswordHashingBenchmarks"]
    if others:
        lines += ["### Other micro-benchmarks", "", "| benchmark | parameters | mean | allocated |", "|---|---|---:|---:|"]
        for b in others:
            mean = b["mean_ns"]
            shown = f"{mean / 1e6:,.2f} ms" if mean >= 1e6 else f"{mean / 1e3:,.2f} µs" if mean >= 1e3 else f"{mean:,.1f} ns"
            lines.append(f"| {b['type'].removesuffix('Benchmarks')}.{b['method']} | {b['parameters']} | {shown} | {fmt(b['allocated_bytes'], 0, ' B')} |")
        lines.append("")
    return lines


def markdown(result):
    s, m = result["settings"], result["machine"]
    lines = [f"# build/bench.sh, {result['date']}", ""]
    if s.get("short"):
        lines += ["**BENCH_SHORT=1: a check of the harness, not a measurement.**", ""]
    lines += [
        f"Machine: {m.get('cpu', '?')}, {m.get('logical_cores')} logical cores, {m.get('memory_gb', '?')} GB, {m.get('os')} "
        f"(kernel {m.get('kernel')}); .NET SDK {s.get('dotnet_sdk')}{', ' + result['micro']['runtime'] if result['micro'].get('runtime') else ''}; "
        f"PostgreSQL {s.get('postgres')}; wrk {s.get('wrk')}. Load average before {s.get('load_before')}, after {s.get('load_after')}.",
        "",
        f"Method: {s.get('pinning')}; each row {s.get('warmup_seconds')} s of warm-up, then {s.get('seconds')} s measured "
        f"(wrk -t1 --latency); GET rows and the mix {s.get('connections')} connections. PostgreSQL {s.get('postgres_settings')}; "
        f"API log level {s.get('log_level')}. CPU: % of one core over the measured run (API; PostgreSQL cluster), and the server's "
        f"(API + PostgreSQL) CPU time per request. × /health: against the /health row of the same section. The whole run took "
        f"{s.get('duration_seconds', 0) // 60} min.",
        "",
    ]
    if result["targets"]:
        lines += ["## Targets", "", "| target | measured | goal | |", "|---|---:|---|---|"]
        for t in result["targets"]:
            value = t["measured"]
            shown = "–" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.2f}"
            verdict = "met" if t["met"] else ("not measured" if value is None else "**missed**")
            lines.append(f"| {t['target']} | {shown} | {t['goal']} | {verdict}{' (' + t['detail'] + ')' if t['detail'] else ''} |")
        lines.append("")
    for group, title in GROUPS:
        rows = [r for r in result["rows"] if r["group"] == group]
        if rows:
            heading = title
            if group == "large" and result.get("large_data"):
                d = result["large_data"]
                heading += f" (seeded: {d['users']:,} users, {d['sessions']:,} sessions, {d['refresh_tokens']:,} refresh tokens, {d['audit_log']:,} audit rows)"
            lines += [f"## {heading}", ""] + row_table(rows) + [""]
            moved = result["drift"].get(group)
            if moved is not None:
                lines += [f"The machine over this section: `/health` after its rows ran at {moved:.2f}× its first `/health`."
                          + (f" **It moved more than {DRIFT_TOLERANCE:.0%}: read this section's ratios with care.**"
                             if abs(moved - 1) > DRIFT_TOLERANCE else ""), ""]
    if result["micro"]["benchmarks"]:
        lines += ["## Micro-benchmarks (BenchmarkDotNet)", ""] + micro_tables(result["micro"])
    if result["failed_rows"]:
        lines += [f"**Failed rows: {', '.join(result['failed_rows'])}**", ""]
    return "\n".join(lines)


def main():
    http_dir, json_path, md_path = sys.argv[1:4]
    settings = load_json(os.path.join(http_dir, "settings.json")) or {}
    rows = load_rows(http_dir)
    micro = load_micro(http_dir)
    result = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "settings": settings,
        "large_data": load_json(os.path.join(http_dir, "large-data.json")),
        "targets": targets(rows, micro, settings),
        "drift": {group: drift(rows, group) for group, _ in GROUPS if drift(rows, group) is not None},
        "rows": rows,
        "micro": micro,
        "failed_rows": [f"{r['group']}/{r['name']}" for r in rows if r["failure"]],
    }
    with open(json_path, "w") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
    text = markdown(result)
    with open(md_path, "w") as f:
        f.write(text + "\n")
    print(text)
    sys.exit(1 if result["failed_rows"] else 0)


if __name__ == "__main__":
    main()
