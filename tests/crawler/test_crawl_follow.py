"""``requires`` and ``follow``: fetched through the same guard and robots.txt, depth-limited."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from crawl_loopback import FAST, ROOT, Reply, Site


def _doc(name: str, needs: list[str] = (), links: list[str] = ()) -> Reply:  # type: ignore[assignment]
    body = json.dumps({"name": name, "needs": list(needs), "links": list(links)}).encode()
    return Reply(200, body, {"Content-Type": "application/json"})


def _crawl(tmp_path: Path, targets: list[dict[str, Any]], **settings: str) -> dict[str, Any]:
    targets_file, out = tmp_path / "targets.jsonl", tmp_path / "results.jsonl"
    targets_file.write_text("".join(json.dumps(t) + "\n" for t in targets))
    pairs = [f"{k}={v}" for k, v in {**FAST, **settings}.items()]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(Path(__file__).parent)])}
    script = Path(__file__).with_name("crawl_fake_source.py")
    done = subprocess.run(
        [sys.executable, str(script), str(targets_file), str(out), *pairs],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {r["source_id"]: r for r in map(json.loads, out.read_text().splitlines())}


@pytest.fixture(scope="module")
def private_site() -> Any:
    server = Site("127.0.0.2")
    server.route("/doc", _doc("internal"))
    yield server
    server.close()


def test_requires_and_follow(site: Site, private_site: Site, tmp_path: Path) -> None:
    site.route("/f/skill-a", _doc("alpha"))
    site.route("/f/skill-b", _doc("beta"))
    site.route("/f/d3", _doc("Depth Three"))
    site.route("/f/d2", _doc("Depth Two", links=[site.url("/f/d3")]))
    site.route("/private/d", _doc("Robots Forbid"))
    start = site.route(
        "/f/start",
        _doc(
            "Start",
            needs=[site.url("/f/skill-a"), site.url("/f/skill-b"), private_site.url("/doc")],
            links=[site.url("/f/d2"), site.url("/private/d"), site.url("/f/missing")],
        ),
    )
    results = _crawl(
        tmp_path,
        [{"source_id": "1", "kind": "website", "url": start}],
        MEDALIST_FOLLOW_DEPTH="1",
    )
    result = results["1"]
    assert result["status"] == "ok", result
    names = [r["full_name"] for r in result["records"]]
    assert names == ["Start", "Depth Two"]  # d3 is beyond the depth limit
    assert result["records"][0]["skills"] == ["alpha", "beta"]
    assert "/f/d3" not in site.paths
    assert "/private/d" not in site.paths
    assert private_site.paths == []
    warnings = "\n".join(result["warnings"])
    assert "127.0.0.2 is a loopback address" in warnings
    assert "robots.txt" in warnings
    assert "/f/missing: HTTP 404" in warnings
