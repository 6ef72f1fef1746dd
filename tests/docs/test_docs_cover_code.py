"""Docs that tests hold to the code: every command, setting and source kind is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from enrichment.model import PROFILE_KINDS
from medalist.cli import COMMANDS
from medalist.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_in_the_contract(command: str) -> None:
    assert re.search(rf"`{re.escape(command)}\b", _read("docs/contract.md")), (
        f"medalist {command} is not described in docs/contract.md"
    )


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented(name: str) -> None:
    variable = f"MEDALIST_{name.upper()}"
    assert f"`{variable}`" in _read("docs/settings.md"), f"{variable} is not in docs/settings.md"


def test_documented_settings_exist() -> None:
    documented = set(re.findall(r"`MEDALIST_([A-Z_]+)`", _read("docs/settings.md")))
    assert documented <= {n.upper() for n in Settings.model_fields}


@pytest.mark.parametrize("kind", PROFILE_KINDS)
def test_every_source_kind_is_described(kind: str) -> None:
    assert f"`{kind}`" in _read("docs/sources.md"), f"source kind {kind} is not in docs/sources.md"


def test_readme_opens_with_the_two_commands() -> None:
    readme = _read("README.md")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert "scripts/demo" in first_block and "scripts/test" in first_block
    assert "scripts/test" in _read(".ci/run")
