"""The README documents every command, setting and route, and starts with the two set-up commands."""

from __future__ import annotations

import re

import pytest

from assistant.cli import app
from assistant.config import Settings
from assistant.web.app import create_app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def test_readme_starts_with_the_serve_and_test_commands():
    block = re.search(r"```bash\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["./run serve", "./run test"]
    assert README.index("```bash") < 200


@pytest.mark.parametrize("command", sorted(c.name for c in app.registered_commands))
def test_every_cli_command_is_documented(command):
    assert f"assistant {command}" in README


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented(field):
    assert f"ASSISTANT_{field.upper()}" in README


def test_every_route_is_documented(built_settings):
    routes = {
        r.path
        for r in create_app(settings=built_settings).routes
        if not r.path.startswith(("/openapi", "/docs/", "/redoc"))
    }
    for path in routes:
        assert f"`{path.split('{')[0].rstrip('/') or '/'}" in README or f"{path}" in README, path


def test_ci_runs_the_readme_test_command():
    assert "./run test" in (ROOT / ".ci" / "run").read_text("utf-8")
