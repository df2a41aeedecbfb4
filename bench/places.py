"""Places benchmark: what matching units and partners to GeoNames adds to an ingestion, and coverage.

    python bench/places.py [--runs 3]

Copies the shipped tables (no pages: nothing to embed) to a temp corpus, ingests it once, then
times `assistant.places.build_places` on a copy of that index `--runs` times (the tables emptied
first), each in this process: wall and CPU seconds, median. Then prints, per survey table, the
units and partners placed / ambiguous (candidates kept) / unplaced, and the foreign partners
placed among all foreign partners. Goals: at most 15 s added; >= 95% of units placed or
ambiguous with candidates; >= 85% of foreign partners placed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from assistant import index, places
    from assistant.config import Settings
    from assistant.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(ROOT / "corpus" / "tables", corpus / "tables")
        settings = Settings(data_dir=Path(tmp) / "data", corpus_dir=corpus)
        ingest(settings)
        db = Path(tmp) / "places.duckdb"
        shutil.copy(index.current_dir(settings) / "index.duckdb", db)
        walls, cpus = [], []
        for _ in range(args.runs):
            con = duckdb.connect(str(db))
            for table in ("places", "geo_places", "geo_names"):
                con.execute(f"DELETE FROM {table}")
            places._BUILT.clear()  # time the matching itself, not the in-process reuse
            con.execute("DROP INDEX IF EXISTS geo_names_key")
            wall, cpu = time.perf_counter(), time.process_time()
            summaries = places.build_places(con)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            con.close()
        print(f"build_places: median {statistics.median(walls):.2f} s wall, "
              f"{statistics.median(cpus):.2f} s CPU over {args.runs} runs (goal <= 15 s)")  # fmt: skip
        for s in summaries:
            share = (s.placed + s.ambiguous) / s.total
            print(f"{s.source} {s.side}s: {s.placed} placed, {s.ambiguous} ambiguous, "
                  f"{s.unplaced} unplaced of {s.total}; placed or ambiguous {share:.1%}, "
                  f"placed {s.placed / s.total:.1%}")  # fmt: skip
        con = duckdb.connect(str(db), read_only=True)
        placed, total = con.execute(
            "SELECT count(*) FILTER (WHERE kind IN ?), count(*) FROM places "
            "WHERE side = 'partner' AND country <> 'Polska'",
            [list(places.PLACED)],
        ).fetchone()
        print(f"foreign partners placed: {placed} of {total} ({placed / total:.1%}; goal >= 85%)")
        lookups(con)
        con.close()


def lookups(con, runs: int = 200) -> None:
    """Answer-time lookups on the index: median and p95 milliseconds over `runs` calls each."""
    from assistant import places

    krakow = places.place_of(con, "Kraków", "unit")
    places.find_regions("warm-up: gminy z Małopolski")
    calls = {
        "find_regions": lambda: places.find_regions("Które gminy z województwa lubelskiego mają partnerów?"),
        "unit_labels_in_regions": lambda: places.unit_labels_in_regions(con, ["77"]),
        "place_of (unit)": lambda: places.place_of(con, "Nowy Sącz", "unit"),
        "place_of (GeoNames name)": lambda: places.place_of(con, "Lwów", "place"),
        "units_within_km (30 km)": lambda: places.units_within_km(con, krakow.lat, krakow.lon, 30),
        "similar_in_size": lambda: places.similar_in_size(con, 18_000),
    }  # fmt: skip
    for name, call in calls.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(
            f"{name}: median {statistics.median(times):.2f} ms, p95 {times[int(runs * 0.95)]:.2f} ms"
        )


if __name__ == "__main__":
    main()
