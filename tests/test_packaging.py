"""The built wheel works on its own: installed non-editable in a fresh venv, it ingests and answers
through the language-model path from a directory outside the checkout (prompts are package data)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from llm_stub import StubLLM

REPO = Path(__file__).resolve().parents[1]
QUESTION = "Which towns does Bukowno partner with?"

pytestmark = pytest.mark.slow


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def build_wheel(tmp: Path) -> Path:
    """pip wheel of a copy of the package sources, so the checkout gets no build/ directory."""
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "assistant", source / "assistant", ignore=shutil.ignore_patterns("__pycache__")
    )
    wheels = tmp / "wheels"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", wheels]
        + ["--quiet", str(source)],
        cwd=tmp,
    )
    (wheel,) = wheels.glob("zmp_twinning_assistant-*.whl")
    return wheel


def install_in_fresh_venv(wheel: Path, tmp: Path) -> Path:
    """A venv with no pip and no project, the wheel installed into it (no dependencies); then
    the shared venv's third-party packages are reached through a .pth line. A plain path: the
    .pth files there (the editable install's finder among them) are not run, so only the
    wheel can provide `assistant`. The .pth comes after the install, so that pip sees an empty
    environment."""
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp)
    python = venv / "bin" / "python"
    run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps"]
        + ["--no-index", "--quiet", str(wheel)],
        cwd=tmp,
    )
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp)
    Path(site.strip(), "shared-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def test_the_wheel_carries_the_prompts_and_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "assistant/prompts/understand.md",
        "assistant/prompts/rephrase.md",
        "assistant/prompts/checker.toml",
        "assistant/sql/schema.sql",
        "assistant/lang/cues.toml",
        "assistant/web/static/widget.js",
        "assistant/web/static/demo.css",
    ):
        assert name in names, name
    packaged = {n for n in names if n.startswith("assistant/") and not n.endswith(".py")}
    in_tree = {
        str(p.relative_to(REPO))
        for p in (REPO / "assistant").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    }
    assert in_tree <= packaged, sorted(in_tree - packaged)  # no data file left behind


def test_an_installed_wheel_answers_with_the_model_from_outside_the_checkout(wheel, tmp_path):
    venv = install_in_fresh_venv(wheel, tmp_path)
    python = venv / "bin" / "python"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "PYTHON", "VIRTUAL"))
    }
    env.update(
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        ASSISTANT_DATA_DIR=str(tmp_path / "data"),
        ASSISTANT_CORPUS_DIR=str(REPO / "corpus"),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
    )
    where = run([str(python), "-c", "import assistant.llm as m; print(m.__file__)"], elsewhere, env)
    assert Path(where.strip()).is_relative_to(venv), where
    assistant = str(venv / "bin" / "assistant")
    run([assistant, "ingest"], elsewhere, env)
    offline = json.loads(run([assistant, "ask", QUESTION, "--json"], elsewhere, env))
    assert offline["route"] == "table" and offline["citations"], offline
    rewrite = offline["answer"].replace(
        "The ZMP 2009 survey lists", "According to the ZMP 2009 survey, there are"
    )
    assert rewrite != offline["answer"]
    with StubLLM(default=rewrite) as stub:
        env.update(
            ASSISTANT_LLM="openai:stub-model",
            ASSISTANT_LLM_BASE_URL=stub.url,
            ASSISTANT_LLM_API_KEY="dummy",
        )
        reworded = json.loads(run([assistant, "ask", QUESTION, "--json"], elsewhere, env))
        prompts = [m["content"] for r in stub.requests for m in r["messages"]]
    # The prompt came from the installed package, and the checked rewrite was shown.
    assert any(p.startswith("You rewrite the answer of an assistant") for p in prompts), prompts
    assert reworded["answer"] == rewrite
    assert reworded["citations"] == offline["citations"]
