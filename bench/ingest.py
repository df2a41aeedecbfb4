"""Ingestion benchmark: wall time and peak memory of `assistant.ingest.ingest`.

    /work/venv/bin/python bench/ingest.py [--rows 1000000] [--keep DIR] [--skip-shipped]

What it measures, each ingest in a fresh subprocess so that its peak RSS (VmHWM) is its own:

  (a) the shipped corpus: a temp copy holding only corpus/tables (page embedding excluded),
      then the full corpus (tables + pages, with embeddings once page ingestion exists);
  (b) a synthetic gmina table of --rows rows sampled, with a fixed seed, from the real
      gmina table's empirical distributions of units, (country, partner) pairs, agreement
      cells and other-form cells; same header lines, blank lines at the real rate, the
      header block repeated now and then; it is the only table of a temp corpus, which
      holds the shipped pages too (corpus/pages), so that questions about the pages and
      questions of both kinds are asked of the same pages on either index.

The wall time is that of the ingest(...) call alone (its CPU time beside it: on a busy
machine wall time inflates, CPU time much less); the child's import time is printed too.
Targets: shipped tables < 2 s; 1M rows < 60 s and < 2 GB peak RSS.

--keep DIR keeps the synthetic corpus and index as DIR/corpus and DIR/data, the layout
bench/answer.py --big DIR reads.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GMINA_TABLE = ROOT / "corpus" / "tables" / "miasta-i-gminy-2009.tsv"
SEED = 20090101
TARGETS = {"shipped_s": 2.0, "big_s": 60.0, "big_rss_mb": 2048.0}

# Runs in the child: imports timed, ingest timed, peak RSS read from /proc at the end.
_CHILD = r"""
import json, os, sys, time
t0 = time.perf_counter()
from assistant.config import Settings
from assistant.ingest import ingest
t1 = time.perf_counter()
settings = Settings(data_dir=sys.argv[1], corpus_dir=sys.argv[2])
c1 = os.times()
result = ingest(settings, force=True)
t2, c2 = time.perf_counter(), os.times()
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({
    "import_s": t1 - t0,
    "ingest_s": t2 - t1,
    "ingest_cpu_s": c2.user + c2.system - c1.user - c1.system,
    "peak_rss_mb": int(hwm.split()[1]) / 1024,
    "rows": sum(f.rows for f in result.files),
    "reported": sum(f.reported for f in result.files),
    "passages": sum(f.passages for f in result.files),
    "files": len(result.files),
}))
"""


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return f"nproc={os.cpu_count()}  cpu={model}  loadavg={load}  python={sys.version.split()[0]}"


def run_ingest(data_dir: Path, corpus_dir: Path) -> dict:
    """ingest(force=True) in a fresh interpreter; returns the child's figures ('error' on failure)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data_dir), str(corpus_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": last, "after_s": time.perf_counter() - start}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- synthetic table -------------------------------------------------------------------------


def real_gmina_rows(path: Path = GMINA_TABLE) -> tuple[list[str], list[list[str]], float]:
    """(header lines, data rows as 5 cells, share of blank lines) of the real gmina table."""
    from assistant.sql.tables import is_header, split_lines

    lines = split_lines(path.read_bytes().decode("utf-8", errors="replace"))
    headers, rows, blanks = [], [], 0
    for line in lines:
        cells = line.split("\t")
        if not line.strip():
            blanks += 1
        elif is_header(cells) or {c.strip() for c in cells if c.strip()} <= {"umowa", "inna forma"}:
            headers.append(line)
        else:
            rows.append((cells + [""] * 5)[:5])
    return headers, rows, blanks / len(lines)


def write_synthetic(path: Path, n_rows: int, seed: int = SEED) -> dict:
    """Write a gmina table of n_rows rows sampled from the real rows' empirical distributions."""
    headers, rows, blank_rate = real_gmina_rows()
    rng = random.Random(seed)
    units = rng.choices([r[0] for r in rows], k=n_rows)
    pairs = rng.choices([(r[1], r[2]) for r in rows], k=n_rows)
    agreements = rng.choices([r[3] for r in rows], k=n_rows)
    others = rng.choices([r[4] for r in rows], k=n_rows)
    blanks = headers_again = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("\n\n" + "\n".join(headers) + "\n")
        for i in range(n_rows):
            if rng.random() < blank_rate:
                out.write("\n")
                blanks += 1
            if i and i % 50_000 == 0:  # the header block repeats, as in the powiat table
                out.write("\n".join(headers) + "\n")
                headers_again += 1
            country, partner = pairs[i]
            out.write(f"{units[i]}\t{country}\t{partner}\t{agreements[i]}\t{others[i]}\n")
    return {"rows": n_rows, "blank_lines": blanks + 2, "repeated_headers": headers_again}


def build_synthetic(root: Path, n_rows: int) -> dict:
    """root/corpus/tables/synthetic.tsv beside a copy of the shipped pages (root/corpus/pages),
    and their index in root/data; returns the figures."""
    tables = root / "corpus" / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "corpus" / "pages", root / "corpus" / "pages", dirs_exist_ok=True)
    t0 = time.perf_counter()
    written = write_synthetic(tables / "synthetic-gminy.tsv", n_rows)
    gen_s = time.perf_counter() - t0
    figures = run_ingest(root / "data", root / "corpus")
    if "error" in figures:
        raise SystemExit(f"synthetic ingest failed: {figures['error']}")
    size_mb = (tables / "synthetic-gminy.tsv").stat().st_size / 2**20
    return {**figures, **written, "generate_s": gen_s, "file_mb": size_mb}


# --- report -----------------------------------------------------------------------------------


def verdict(value: float, limit: float) -> str:
    return f"{'OK ' if value < limit else 'OVER'} (target < {limit:g})"


def show(label: str, f: dict, time_limit: float | None = None, rss_limit: float | None = None):
    if "error" in f:
        print(f"{label:<34} FAILED after {f['after_s']:.1f} s: {f['error']}")
        return
    line = (
        f"{label:<34} ingest {f['ingest_s']:7.2f} s (CPU {f['ingest_cpu_s']:6.2f} s)  "
        f"import {f['import_s']:5.2f} s  "
        f"peak RSS {f['peak_rss_mb']:7.0f} MB  rows {f['rows']:>9,}  reported {f['reported']}  "
        f"passages {f['passages']}"
    )
    print(line)
    if time_limit:
        print(f"{'':<34} time {verdict(f['ingest_s'], time_limit)}", end="")
        print(f"  RSS {verdict(f['peak_rss_mb'], rss_limit)} MB" if rss_limit else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--rows", type=int, default=1_000_000, help="synthetic table size (0: skip it)"
    )
    parser.add_argument("--keep", type=Path, help="keep the synthetic corpus+index here")
    parser.add_argument("--skip-shipped", action="store_true", help="only the synthetic table")
    args = parser.parse_args()

    print("machine:", machine())
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        tmp = Path(tmp)
        if not args.skip_shipped:
            only_tables = tmp / "tables-only" / "corpus"
            shutil.copytree(ROOT / "corpus" / "tables", only_tables / "tables")
            f = run_ingest(tmp / "tables-only" / "data", only_tables)
            show("shipped tables (pages excluded)", f, TARGETS["shipped_s"])
            full = tmp / "full" / "corpus"
            shutil.copytree(ROOT / "corpus", full)
            f = run_ingest(tmp / "full" / "data", full)
            show("shipped full corpus (+ pages)", f)
            if not f.get("passages", 1):
                print(f"{'':<34} (no passages: page ingestion/embedding not in place yet)")

        root = args.keep or tmp / "synthetic"
        f = build_synthetic(root, args.rows) if args.rows > 0 else None
        if f:
            print(
                f"synthetic table: {f['rows']:,} rows, {f['blank_lines']:,} blank lines, "
                f"{f['repeated_headers']} repeated header blocks, {f['file_mb']:.0f} MB, "
                f"generated in {f['generate_s']:.1f} s"
            )
            show(f"synthetic {args.rows:,} rows", f, TARGETS["big_s"], TARGETS["big_rss_mb"])
            if args.keep:
                print(f"kept: corpus {root / 'corpus'}  index {root / 'data'}")
    print("machine after:", machine())


if __name__ == "__main__":
    main()
