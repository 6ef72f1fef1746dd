"""``medalist apikey`` and ``medalist serve`` from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable

import httpx
from click.testing import Result
from conftest import free_port


def test_apikey_create_shows_the_key_once_then_list_and_revoke(
    medalist: Callable[..., Result],
) -> None:
    created = medalist("apikey", "create", "crm")
    assert created.exit_code == 0, created.output
    key = created.stdout.strip().splitlines()[0]
    assert key.startswith("mdl_") and len(key) > 40
    listed = medalist("apikey", "list")
    assert "crm" in listed.output and key not in listed.output
    again = medalist("apikey", "create", "crm")
    assert again.exit_code == 1 and "exists" in again.output
    assert medalist("apikey", "revoke", "crm").exit_code == 0
    assert "revoked" in medalist("apikey", "list").output
    missing = medalist("apikey", "revoke", "crm")
    assert missing.exit_code == 1 and "no active API key" in missing.output


def test_serve_answers_healthz_and_guards_v1(database_url: str) -> None:
    port = free_port()
    env = dict(os.environ, MEDALIST_DATABASE_URL=database_url)
    process = subprocess.Popen(
        [sys.executable, "-m", "medalist", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz")
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)
        assert health.json()["status"] == "ok"
        assert httpx.get(f"http://127.0.0.1:{port}/v1/events").status_code == 401
        schema = httpx.get(f"http://127.0.0.1:{port}/openapi.json").json()
        assert "/v1/events" in schema["paths"]
    finally:
        process.terminate()
        process.wait(timeout=10)
