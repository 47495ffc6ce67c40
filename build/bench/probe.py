#!/usr/bin/env python3
"""Small helpers of build/bench.sh (the report itself is report.py).

  probe.py proc API_PID PG_POSTMASTER_PID [--reset-peak]
      One JSON line: a monotonic timestamp, the CPU time (clock ticks, user + system) of the API process and of the
      whole PostgreSQL cluster, and the API's resident set now and at its peak (VmHWM). The cluster's CPU is the
      postmaster's own and its waited-for children's (cutime + cstime: backends that have exited) plus every live child's,
      so a delta between two snapshots counts every backend that ran in between. --reset-peak first resets the API's
      VmHWM (/proc/PID/clear_refs, "5"), so the next snapshot's peak is the window's.

  probe.py tokens URL BODY FIELD COUNT
      COUNT logins (POST URL with the JSON BODY), one after another; prints each response's FIELD (a refresh token), one a
      line. Fails on any answer but 200.
"""
import json
import os
import sys
import time
import urllib.request


def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    # The command name is in parentheses and may contain spaces: split after its closing one.
    return text[text.rindex(")") + 2:].split()


def own_ticks(fields, with_children=False):
    # Fields after the name, 0-based: state=0, ppid=1, ..., utime=11, stime=12, cutime=13, cstime=14.
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks


def cluster_ticks(postmaster):
    total = own_ticks(stat_fields(postmaster), with_children=True)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = stat_fields(entry)
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
        if fields[1] == str(postmaster):
            total += own_ticks(fields)
    return total


def memory_kb(pid):
    values = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


def proc(args):
    api, postmaster = int(args[0]), int(args[1])
    if "--reset-peak" in args:
        try:
            with open(f"/proc/{api}/clear_refs", "w") as f:
                f.write("5")
        except OSError:
            pass
    memory = memory_kb(api)
    print(json.dumps({
        "time": time.monotonic(),
        "clk_tck": os.sysconf("SC_CLK_TCK"),
        "api_ticks": own_ticks(stat_fields(api)),
        "pg_ticks": cluster_ticks(postmaster) if postmaster > 0 else 0,
        "api_rss_kb": memory.get("VmRSS", 0),
        "api_peak_rss_kb": memory.get("VmHWM", 0),
    }))


def tokens(args):
    url, body, field, count = args[0], args[1].encode(), args[2], int(args[3])
    for _ in range(count):
        request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200:
                sys.exit(f"{url}: expected 200, got {response.status}")
            print(json.load(response)[field])


if __name__ == "__main__":
    {"proc": proc, "tokens": tokens}[sys.argv[1]](sys.argv[2:])
