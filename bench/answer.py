"""Answer latency benchmark: in-process `Assistant.answer` over the gold question set.

    /work/venv/bin/python bench/answer.py [--reps 3] [--big DIR] [--rows 1000000] [--no-big]
                                          [--profile K]

Each gold case (tests/gold/*.jsonl) runs its turns in one conversation; only the last turn
is timed. One untimed warm pass first (opens the index, fills caches), then --reps timed
passes. Prints p50/p95 per category and per group (table questions = cases expecting route
'table'; passages.jsonl cases count as document questions), first on an index of the
shipped corpus, then on the synthetic 1M-row index (DIR/data + DIR/corpus as written by
`bench/ingest.py --keep DIR`: the synthetic table and the shipped pages; built here when DIR
does not exist yet), and the p95 ratio
big/shipped. --profile K runs cProfile on the K slowest table questions of each index.

Targets: table questions p50 < 15 ms and p95 < 60 ms; on 1M rows p95 at most 3x the shipped.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import json
import math
import pstats
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
TARGETS = {"p50_ms": 15.0, "p95_ms": 60.0, "big_ratio": 3.0}
TABLES = "table questions (route table)"
DOCS = "document questions (documents/both)"
OTHER = "others (clarify, out of scope, any_of)"
ALL = "all"


def _bench_ingest():
    """bench/ingest.py as a module (for machine() and build_synthetic())."""
    spec = importlib.util.spec_from_file_location(
        "bench_ingest", Path(__file__).with_name("ingest.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_cases() -> list[dict]:
    cases = []
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            if "turns" not in case:  # passages.jsonl: {"id", "question", "lang", "source", "lines"}
                case = {**case, "turns": [case["question"]], "category": "passages"}
            case["file"] = path.name
            cases.append(case)
    return cases


def groups_of(case: dict) -> list[str]:
    """Table questions are the cases whose expected route is 'table' (the latency targets)."""
    route = case.get("expect", {}).get("route")
    if case["file"] == "passages.jsonl" or route in ("documents", "both"):
        return [DOCS, ALL]
    return [TABLES if route == "table" else OTHER, ALL]


def run_case(case: dict, assistant) -> tuple[float, float]:
    """(wall, CPU) seconds of the last turn; earlier turns set up the conversation, untimed.

    CPU time (all threads of this process) shows what the answer costs when the machine is
    busy and wall time includes waiting for a core.
    """
    conversation = None
    for turn in case["turns"][:-1]:
        conversation = assistant.answer(turn, conversation).conversation_id
    wall, cpu = time.perf_counter(), time.process_time()
    assistant.answer(case["turns"][-1], conversation)
    return time.perf_counter() - wall, time.process_time() - cpu


Times = dict[str, list[tuple[float, float]]]  # case id -> [(wall, cpu) per rep]


def measure(cases: list[dict], assistant, reps: int) -> Times:
    """Timings of every case after one untimed warm pass."""
    for case in cases:
        run_case(case, assistant)
    times: Times = defaultdict(list)
    for _ in range(reps):
        for case in cases:
            times[case["id"]].append(run_case(case, assistant))
    return times


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def best(times: Times, case: dict) -> float:
    return min(wall for wall, _ in times[case["id"]])


def summarise(cases: list[dict], times: Times) -> dict[str, dict[str, list[float]]]:
    """{bucket: {'wall': [...], 'cpu': [...], 'best': [best wall of each case]}}"""
    buckets: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for case in cases:
        for name in (f"  {case['category']}", *groups_of(case)):
            buckets[name]["wall"] += [wall for wall, _ in times[case["id"]]]
            buckets[name]["cpu"] += [cpu for _, cpu in times[case["id"]]]
            buckets[name]["best"].append(best(times, case))
    return buckets


def report(title: str, cases: list[dict], times: Times) -> dict:
    buckets = summarise(cases, times)
    print(f"\n{title}  (ms; 'best' = each case's fastest rep, less noise from a busy machine)")
    print(f"{'':<40}{'n':>5}{'p50':>7}{'p95':>7}{'max':>7}{'cpu p50':>9}{'cpu p95':>9}"
          f"{'best p50':>10}{'best p95':>10}")  # fmt: skip
    categories = sorted(k for k in buckets if k.startswith("  "))
    for name in [*categories, TABLES, DOCS, OTHER, ALL]:
        if name in buckets:
            b = buckets[name]
            print(f"{name:<40}{len(b['wall']):>5}{pct(b['wall'], 0.5):>7.1f}"
                  f"{pct(b['wall'], 0.95):>7.1f}{1000 * max(b['wall']):>7.0f}"
                  f"{pct(b['cpu'], 0.5):>9.1f}{pct(b['cpu'], 0.95):>9.1f}"
                  f"{pct(b['best'], 0.5):>10.1f}{pct(b['best'], 0.95):>10.1f}")  # fmt: skip
    table = buckets[TABLES]
    p50, p95 = pct(table["wall"], 0.5), pct(table["wall"], 0.95)
    ok = "OK" if p50 < TARGETS["p50_ms"] and p95 < TARGETS["p95_ms"] else "OVER"
    print(f"table questions: p50 {p50:.1f} ms, p95 {p95:.1f} ms -> {ok} "
          f"(targets p50 < {TARGETS['p50_ms']:g} ms, p95 < {TARGETS['p95_ms']:g} ms)")  # fmt: skip
    slowest = sorted(cases, key=lambda c: -best(times, c))[:5]
    print("slowest (best of reps): " + "; ".join(
        f"{c['id']} {1000 * best(times, c):.0f} ms {c['turns'][-1][:60]!r}" for c in slowest
    ))  # fmt: skip
    return buckets


def profile(cases: list[dict], times: Times, assistant, k: int) -> None:
    """cProfile the k slowest table questions together; print the top functions."""
    tables = [c for c in cases if TABLES in groups_of(c)]
    slow = sorted(tables, key=lambda c: -best(times, c))[:k]
    prof = cProfile.Profile()
    prof.enable()
    for case in slow:
        run_case(case, assistant)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("tottime").print_stats(12)
    stats.sort_stats("cumulative").print_stats(18)
    print(f"cProfile of the {k} slowest table questions: {[c['id'] for c in slow]}")
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=3, help="timed passes (after one warm pass)")
    parser.add_argument("--big", type=Path, help="synthetic index dir (bench/ingest.py --keep)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows when building --big")
    parser.add_argument("--no-big", action="store_true", help="only the shipped index")
    parser.add_argument("--profile", type=int, default=0, metavar="K", help="cProfile K slowest")
    args = parser.parse_args()

    from assistant.config import Settings
    from assistant.core import Assistant
    from assistant.ingest import ingest

    bench_ingest = _bench_ingest()
    print("machine:", bench_ingest.machine())
    cases = load_cases()
    print(f"{len(cases)} gold cases, {args.reps} timed reps after one warm pass")
    with tempfile.TemporaryDirectory(prefix="bench-answer-") as tmp:
        shipped = Settings(data_dir=Path(tmp) / "data", corpus_dir=ROOT / "corpus")
        try:
            ingest(shipped, force=True)
        except Exception as error:  # e.g. page ingestion mid-development: time the tables alone
            print(f"full corpus did not ingest ({type(error).__name__}: {error}); "
                  "using corpus/tables only")  # fmt: skip
            only_tables = Path(tmp) / "corpus"
            shutil.copytree(ROOT / "corpus" / "tables", only_tables / "tables")
            shipped = Settings(data_dir=Path(tmp) / "data", corpus_dir=only_tables)
            ingest(shipped, force=True)
        with Assistant.open(shipped) as assistant:
            small = measure(cases, assistant, args.reps)
            small_buckets = report("shipped corpus", cases, small)
            if args.profile:
                profile(cases, small, assistant, args.profile)
        if args.no_big:
            return

        big_dir = args.big or Path(tmp) / "big"
        if not (big_dir / "data" / "CURRENT").exists():
            print(f"\nbuilding the synthetic {args.rows:,}-row index in {big_dir} ...")
            figures = bench_ingest.build_synthetic(big_dir, args.rows)
            print(f"  ingest {figures['ingest_s']:.1f} s, peak RSS {figures['peak_rss_mb']:.0f} MB")
        big = Settings(data_dir=big_dir / "data", corpus_dir=big_dir / "corpus")
        has_pages = (big_dir / "corpus" / "pages").is_dir()
        start = time.perf_counter()
        try:
            assistant = Assistant.open(big)  # opening the index is timed apart
        except Exception as error:  # an index built by older code (schema changed): rebuild it
            print(f"\n{big_dir} does not open ({type(error).__name__}); rebuilding it ...")
            bench_ingest.build_synthetic(big_dir, args.rows)
            start = time.perf_counter()
            assistant = Assistant.open(big)
        with assistant:
            run_case(cases[0], assistant)
            print(f"\nopening the synthetic index (and a first answer): "
                  f"{time.perf_counter() - start:.2f} s")  # fmt: skip
            large = measure(cases, assistant, args.reps)
            big_buckets = report(f"synthetic index ({big_dir})", cases, large)
            if args.profile:
                profile(cases, large, assistant, args.profile)

    limit = TARGETS["big_ratio"]
    print(f"\np95 ratio big/shipped, per kind (target <= {limit:g}x for every kind):")
    print(f"{'':<40}{'shipped':>9}{'1M rows':>9}{'wall':>7}{'cpu':>7}{'best':>7}")
    over = []
    categories = sorted(k for k in small_buckets if k.startswith("  "))
    for name in (*categories, TABLES, DOCS, OTHER, ALL):
        if name in small_buckets and name in big_buckets:
            small_b, big_b = small_buckets[name], big_buckets[name]
            ratios = {
                kind: pct(big_b[kind], 0.95) / pct(small_b[kind], 0.95)
                for kind in ("wall", "cpu", "best")
            }
            flag = "  OVER" if ratios["wall"] > limit else ""
            if flag and name.startswith("  "):
                over.append(name.strip())
            print(f"{name:<40}{pct(small_b['wall'], 0.95):>9.1f}{pct(big_b['wall'], 0.95):>9.1f}"
                  f"{ratios['wall']:>6.1f}x{ratios['cpu']:>6.1f}x{ratios['best']:>6.1f}x{flag}")  # fmt: skip
    print(f"kinds over {limit:g}x at p95 (wall): {', '.join(over) or 'none'}")
    if not has_pages:  # an index built before bench/ingest.py copied the pages
        print("  (the synthetic corpus has no pages: document questions there are not comparable)")
    print("machine after:", bench_ingest.machine())


if __name__ == "__main__":
    main()
