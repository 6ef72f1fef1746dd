"""The loopback site every privacy test reads (see privacy_support)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from privacy_support import site_folder

from medalist.demo.server import SiteServer


@pytest.fixture
def site(tmp_path: Path) -> Iterator[SiteServer]:
    with SiteServer(site_folder(tmp_path / "site")) as server:
        yield server
