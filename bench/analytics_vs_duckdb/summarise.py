# SPDX-License-Identifier: Apache-2.0
"""Checks that the four systems returned the same rows and prints the timing table (run.sh).

Usage: summarise.py <work dir>. Reads out/<system>/<query>.csv (integers; rows sorted here, so
only the figures matter) and <system>.log. Exits 1 when any result differs from the engine's.
"""
import hashlib
import re
import sys
from pathlib import Path

QUERIES = ["rfm", "cohorts", "consumption"]
SYSTEMS = ["engine", "sqlite", "postgres", "duckdb"]
LABELS = {"rfm": "RFM per customer + quintile scores", "cohorts": "monthly cohort matrix",
          "consumption": "consumption by month"}


def checksum(path):
    rows = sorted(tuple(int(v) for v in line.split(",")) for line in path.read_text().splitlines() if line)
    text = "\n".join(",".join(map(str, r)) for r in rows)
    return hashlib.sha256(text.encode()).hexdigest()[:16], len(rows)


def best_times(system, log):
    """{query: best ms} from a log: 'TIME q ms' lines, or marker 'T q' + the timer's next line."""
    times, current = {}, None
    for line in log.splitlines():
        if m := re.match(r"TIME (\w+) ([\d.]+)", line):
            times[m[1]] = float(m[2])
        elif m := re.match(r"T (\w+)$", line):
            current = m[1]
        elif current and (m := re.match(r"Run Time: real ([\d.]+)", line)):  # sqlite3 .timer, seconds
            times[current] = min(times.get(current, 1e300), float(m[1]) * 1000)
            current = None
        elif current and (m := re.match(r"Time: ([\d.]+) ms", line)):  # psql \timing
            times[current] = min(times.get(current, 1e300), float(m[1]))
            current = None
    missing = [q for q in QUERIES if q not in times]
    if missing:
        sys.exit(f"{system}: no timing for {missing}")
    return times


def main():
    work = Path(sys.argv[1])
    ok = True
    print("\nresults (sha256 of the sorted rows):")
    for q in QUERIES:
        sums = {s: checksum(work / "out" / s / f"{q}.csv") for s in SYSTEMS}
        same = len({v for v in sums.values()}) == 1
        ok = ok and same
        detail = "  ".join(f"{s}={h} ({n} rows)" for s, (h, n) in sums.items())
        print(f"  {q:12} {'same' if same else 'DIFFERENT'}  {detail}")
    times = {s: best_times(s, (work / f"{s}.log").read_text()) for s in SYSTEMS}
    load = re.search(r"^LOAD .*$", (work / "engine.log").read_text(), re.M)
    print(f"\nengine {load[0] if load else ''}")
    print("\n| query | engine | SQLite | PostgreSQL | DuckDB | DuckDB / engine |")
    print("|---|---|---|---|---|---|")
    for q in QUERIES:
        t = {s: times[s][q] for s in SYSTEMS}
        ratio = t["duckdb"] / t["engine"] if t["engine"] > 0 else float("inf")
        print(f"| {LABELS[q]} | {t['engine']:.1f} ms | {t['sqlite']:.1f} ms | {t['postgres']:.1f} ms "
              f"| {t['duckdb']:.1f} ms | {ratio:.2f}x |")
    if not ok:
        print("\nThe systems disagree: the times above do not compare the same work.", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
