"""compose.yaml parses and is the shape the README's "Running on several machines" describes:
two replicas sharing PostgreSQL and Chroma behind a reverse proxy, with real settings."""

from __future__ import annotations

import re

import yaml

from assistant.config import Settings
from tests.conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))
README = (ROOT / "README.md").read_text("utf-8")
SECTION = README.split("## Running on several machines", 1)[1].split("\n## ", 1)[0]
SERVICES = COMPOSE["services"]
REPLICAS = ("app-1", "app-2")


def test_the_compose_file_has_the_services_the_readme_names():
    first_cells = re.findall(r"^\| (`[^|]+)\|", SECTION, re.M)
    named = {name for cell in first_cells for name in re.findall(r"`([a-z0-9-]+)`", cell)}
    assert named == {"postgres", "chroma", "ingest", "app-1", "app-2", "proxy"}
    assert named == set(SERVICES)


def test_both_replicas_share_postgresql_and_chroma():
    for name in REPLICAS:
        env = SERVICES[name]["environment"]
        assert re.fullmatch(
            r"postgresql://\w+:\w+@postgres:5432/\w+", env["ASSISTANT_DATABASE_URL"]
        )
        assert (
            env["ASSISTANT_CHROMA_URL"] == SERVICES["ingest"]["environment"]["ASSISTANT_CHROMA_URL"]
        )
        assert "chroma" in env["ASSISTANT_CHROMA_URL"]
        assert (
            SERVICES[name]["depends_on"]["ingest"]["condition"] == "service_completed_successfully"
        )
    assert SERVICES["app-1"]["environment"] == SERVICES["app-2"]["environment"]
    assert "chroma run" in " ".join(SERVICES["chroma"]["command"])
    assert SERVICES["ingest"]["command"] == ["assistant", "ingest"]


def test_the_proxy_spreads_requests_over_both_replicas():
    caddyfile = COMPOSE["configs"]["caddyfile"]["content"]
    assert all(f"{name}:8000" in caddyfile for name in REPLICAS)
    assert SERVICES["proxy"]["image"].startswith("caddy")
    proxy_address = SERVICES["proxy"]["networks"]["backend"]["ipv4_address"]
    trusted = SERVICES["app-1"]["environment"]["ASSISTANT_TRUSTED_PROXIES"]
    subnet = COMPOSE["networks"]["backend"]["ipam"]["config"][0]["subnet"]
    assert subnet in trusted and proxy_address.startswith(subnet.rsplit(".", 1)[0])


def test_every_setting_in_the_compose_file_is_real_and_in_the_readme_section():
    used = {
        key
        for service in SERVICES.values()
        for key in (service.get("environment") or {})
        if key.startswith("ASSISTANT_")
    }
    fields = {f"ASSISTANT_{name.upper()}" for name in Settings.model_fields}
    assert used <= fields, used - fields
    assert {key for key in used if key != "ASSISTANT_DATA_DIR"} <= set(
        re.findall(r"ASSISTANT_[A-Z_]+", SECTION)
    )
