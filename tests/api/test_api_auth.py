"""Every /v1 request without a valid key gets the same 401, whatever it asks; /healthz is open."""

from __future__ import annotations

import time

import httpx
from conftest import Api, ServerThread

from medalist.api.app import create_app
from medalist.services import apikeys

PROBES = [
    ("GET", "/v1/events"),
    ("GET", "/v1/events?limit=banana"),
    ("POST", "/v1/events/evt_x/ack"),
    ("GET", "/v1/candidates/ats-1"),
    ("DELETE", "/v1/candidates/ats-1"),
    ("PUT", "/v1/reqs/R-1"),
    ("GET", "/v1/review"),
    ("GET", "/v1/runs/1"),
    ("POST", "/v1/webhooks"),
    ("GET", "/v1/no-such-endpoint"),
    ("PATCH", "/v1/events"),
    ("GET", "/v1"),
]


def _probe(api: Api, headers: dict[str, str]) -> set[tuple[int, bytes]]:
    with httpx.Client(base_url=api.base_url, headers=headers) as client:
        return {
            (r.status_code, r.content)
            for method, path in PROBES
            for r in [client.request(method, path, json={"decision": "link"})]
        }


def test_no_key_wrong_key_and_revoked_key_all_get_the_same_401(api: Api) -> None:
    expected = _probe(api, {})
    assert len(expected) == 1, "every probe gets the very same answer"
    status, body = next(iter(expected))
    assert status == 401
    assert b"unauthorized" in body
    assert _probe(api, {"Authorization": "Bearer mdl_wrong"}) == expected
    assert _probe(api, {"Authorization": f"Basic {api.key}"}) == expected
    assert _probe(api, {"Authorization": "Bearer"}) == expected

    assert api.get("/v1/events").status_code == 200
    apikeys.revoke(api.sessions, "crm")
    assert _probe(api, {"Authorization": f"Bearer {api.key}"}) == expected


def test_healthz_needs_no_key(api: Api) -> None:
    response = httpx.get(api.base_url + "/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_keys_are_stored_hashed_and_listed_without_the_key(api: Api) -> None:
    from storage.unit_of_work import UnitOfWork

    with UnitOfWork(api.sessions) as uow:
        row = uow.api_keys.get("crm")
        assert row is not None
        assert api.key not in (row.key_hash, row.prefix)
        assert len(row.key_hash) == 64
    listed = apikeys.listed(api.sessions)
    assert [k.name for k in listed] == ["crm"]
    assert api.key not in str(listed)


def test_errors_are_json_with_a_stable_code(api: Api) -> None:
    missing = api.get("/v1/candidates/nobody")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": {"code": "candidate_not_found", "message": "no stored candidate 'nobody'"}
    }
    bad = api.get("/v1/events", params={"limit": 0})
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "invalid_input"
    assert "limit" in bad.json()["error"]["message"]
    unknown = api.get("/v1/nothing-here")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "not_found"


def test_a_remembered_key_stops_working_once_revoked_within_the_cache_time(api: Api) -> None:
    key = apikeys.create(api.sessions, "cached").key
    app = create_app(api.settings, api.sessions, auth_cache_seconds=0.5)
    with (
        ServerThread(app) as base_url,
        httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {key}"}) as client,
    ):
        assert client.get("/v1/events").status_code == 200  # now remembered
        apikeys.revoke(api.sessions, "cached")
        deadline = time.monotonic() + 0.5 + 2.0  # the cache time, and slack for a slow machine
        status = 200
        while status == 200 and time.monotonic() < deadline:
            status = client.get("/v1/events").status_code
            time.sleep(0.05)
        assert status == 401
        wrong = client.get("/v1/events", headers={"Authorization": f"Bearer {key}x"})
        assert wrong.status_code == 401  # a key is remembered by its own digest only
