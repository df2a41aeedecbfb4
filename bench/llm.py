"""Latency the optional language model adds, against a local stub server (no real model).

    /work/venv/bin/python bench/llm.py [--data-dir DIR] [--repeat 20]

Measures, per question, the median of:
- offline: `Assistant.answer()` with no model (the baseline);
- checker: `checker.check()` of the offline text against its own answer;
- rephrase: `llm.phrase()` through init_chat_model("openai:stub-model") and an
  OpenAI-compatible stub on a loopback port (HTTP round trip + prompt + checker);
- understand: `llm.fill_intent()` through the same stub (round trip + validation).

The stub answers at once, so the figures are the assistant's own overhead; a
real model adds its generation time on top (seconds for a local 8B model).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from llm_stub import StubLLM  # noqa: E402

from assistant import checker, core, llm  # noqa: E402
from assistant.config import Settings  # noqa: E402

QUESTIONS = [
    "Z jakimi miastami współpracuje Kraków?",
    "which gminas partnered Slovak towns in 2008?",
    "top 10 countries by number of partnerships",
    "Which towns does Bukowno partner with?",
    "Since when is Olsztyn partnered with Rovaniemi?",
]
INTENT_REPLY = '{"about_partnerships": true, "units": ["Kraków"], "countries": ["Słowacja"]}'


def faithful_rewrite(request: dict) -> str:
    """The answer of the prompt, reworded in its first words only (so it passes the checker)."""
    content = request["messages"][-1]["content"]
    answer = re.search(r"Answer:\n(.*?)\n\nCitations:", content, re.S).group(1)
    return answer.replace(
        "The ZMP 2009 survey lists", "According to the ZMP 2009 survey, there are"
    )


def median_ms(fn, repeat: int) -> float:
    fn()  # warm-up: caches, connections, lingua
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an ingested data dir (default: ingest now)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    data_dir = args.data_dir
    if data_dir is None:
        from assistant.ingest import ingest

        data_dir = Path(tempfile.mkdtemp(prefix="bench-llm-"))
        ingest(Settings(data_dir=data_dir, corpus_dir=ROOT / "corpus"))
    with StubLLM(default=faithful_rewrite) as stub:
        settings = Settings(
            data_dir=data_dir, corpus_dir=ROOT / "corpus", llm="openai:stub-model",
            llm_base_url=stub.url, llm_api_key="dummy", llm_timeout=5,
        )  # fmt: skip
        model = llm.load(settings)
        offline_assistant = core.Assistant.open(settings.model_copy(update={"llm": None}))
        known = offline_assistant.runtime.known()
        print(
            f"{'question':48} {'offline':>8} {'checker':>8} {'rephrase':>9} {'understand':>11}  rewrite"
        )
        totals = {"offline": [], "checker": [], "rephrase": [], "understand": []}
        for question in QUESTIONS:
            answer = offline_assistant.answer(question)
            offline = median_ms(lambda q=question: offline_assistant.answer(q), args.repeat)
            check = median_ms(lambda a=answer: checker.check(a.answer, a), args.repeat)
            rewrite = llm.rephrase(model, answer)
            rephrase = median_ms(lambda a=answer: llm.phrase(model, a), args.repeat)
            stub.default.content = INTENT_REPLY
            understand = median_ms(
                lambda: llm.fill_intent(model, "Kraków ze Słowacją?", [], [], known), args.repeat
            )
            stub.default.content = faithful_rewrite
            shown = "accepted" if rewrite is not None else "rejected: offline text kept"
            for key, value in zip(totals, (offline, check, rephrase, understand), strict=True):
                totals[key].append(value)
            print(f"{question[:48]:48} {offline:8.1f} {check:8.1f} {rephrase:9.1f} {understand:11.1f}  {shown}")  # fmt: skip
        print(
            f"{'median over questions (ms)':48} "
            + " ".join(f"{statistics.median(v):{w}.1f}" for v, w in zip(totals.values(), (8, 8, 9, 11), strict=True))
        )  # fmt: skip
        offline_assistant.close()


if __name__ == "__main__":
    main()
