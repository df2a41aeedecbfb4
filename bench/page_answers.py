"""Page answers on the passage gold set: does the answer lead with the fact, in the question's language?

    python bench/page_answers.py [--round 4]     (ASSISTANT_DATA_DIR: an ingested index)

For each case of tests/gold/passages.jsonl, through `Assistant.answer`:
  cited    a citation covers one of the gold lines
  first    the first paragraph (the lead, and the items of a list) cites a gold line
  language the lead, quotes left out, reads as the question's language
  ≤3       the answer carries at most three citations
scored over the questions routed to the pages (a pair the survey holds goes to the survey),
and the p50/p95 answer time of the page-routed ones.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.core import Assistant  # noqa: E402
from assistant.language import detect_language  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "passages.jsonl"
_QUOTED = re.compile(r"“[^”]*”|„[^”]*”|\([^)]*\)")


def covers(citation, case) -> bool:
    return citation.source == case["source"] and any(
        citation.lines[0] <= n <= citation.lines[1] for n in case["lines"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", type=int, default=None, help="only the cases of this round")
    args = parser.parse_args()
    cases = [json.loads(x) for x in GOLD.read_text("utf-8").splitlines() if x.strip()]
    if args.round is not None:
        cases = [c for c in cases if c.get("round", 0) == args.round]
    assistant = Assistant.open()
    assistant.answer("warm up: partnerzy Krakowa")
    scores: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    times = []
    for case in cases:
        start = time.perf_counter()
        reply = assistant.answer(case["question"])
        elapsed = (time.perf_counter() - start) * 1000
        row = scores[case["lang"]]
        row["routed to pages"].append(reply.route in ("documents", "both"))
        if reply.route not in ("documents", "both"):
            continue  # a pair the survey holds is answered by the survey: scored as a table answer
        times.append(elapsed)
        lead = reply.answer.split("\n\n", 1)[0]  # the first paragraph: the lead (and its list)
        markers = {int(m) for m in re.findall(r"\[(\d+)\]", lead)}
        by_id = {c.id: c for c in reply.citations}
        row["cited"].append(any(covers(c, case) for c in reply.citations))
        row["first"].append(any(covers(by_id[m], case) for m in markers if m in by_id))
        first_line = lead.split("\n", 1)[0]
        row["language"].append(detect_language(_QUOTED.sub(" ", first_line)) == case["lang"])
        row["≤3"].append(len(reply.citations) <= 3)
    for lang, row in sorted(scores.items()):
        n = len(row["routed to pages"])
        cells = "  ".join(f"{k} {sum(v) / len(v):.2f}" for k, v in row.items())
        print(f"{lang} ({n} questions): {cells}")
    if times:
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"page answers: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
