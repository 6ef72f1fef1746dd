"""A person's rights through the API: opt-out and its withdrawal, the notice, erasure, and
the audit log naming the API key that acted."""

from __future__ import annotations

import httpx
from api_support import store_candidate, store_events, wait_until_served
from conftest import Api, ServerThread

from medalist.api.app import create_app
from medalist.services import apikeys

ADA = {
    "full_name": "Ada Lovelace",
    "emails": ["ada@example.com"],
    "profiles": [{"kind": "github", "url": "https://github.com/adal"}],
    "positions": [{"title": "Senior Software Engineer", "company": "Acme", "start": "2019-03"}],
}


def test_opt_out_hides_the_events_refuses_refreshes_and_is_audited(api: Api) -> None:
    cid = store_candidate(api.sessions, "ats-7")
    ids = store_events(api.sessions, cid, "ats-7", range(2))
    assert [e["id"] for e in api.get("/v1/events").json()["events"]] == ids
    event_ack = api.post(f"/v1/events/{ids[0]}/ack")
    assert event_ack.status_code == 200

    out = api.post("/v1/candidates/ats-7/optout")

    assert out.status_code == 200, out.text
    assert out.json()["opted_out"] is True and out.json()["changed"] is True
    assert api.get("/v1/candidates/ats-7").json()["opted_out"] is True
    assert api.get("/v1/events").json()["events"] == [], "the CRM feed no longer names them"
    refresh = api.post("/v1/candidates/ats-7/refresh")
    assert refresh.status_code == 409
    assert refresh.json()["error"]["code"] == "candidate_opted_out"
    assert api.post("/v1/candidates/ats-7/optout").json()["changed"] is False
    assert api.post("/v1/candidates/nobody/optout").status_code == 404

    back = api.delete("/v1/candidates/ats-7/optout")

    assert back.status_code == 200 and back.json()["opted_out"] is False
    wait_until_served(api.sessions)
    assert [e["id"] for e in api.get("/v1/events").json()["events"]] == ids
    audit = api.get("/v1/audit").json()
    assert [(e["actor"], e["action"], e["subject"], e["target"]) for e in audit["entries"]] == [
        ("apikey:crm", "ack", "ats-7", f"event:{ids[0]}"),
        ("apikey:crm", "optout", "ats-7", None),
        ("apikey:crm", "optout_undo", "ats-7", None),
    ]
    only = api.get("/v1/audit", params={"action": "optout", "subject": "ats-7"}).json()
    assert [e["action"] for e in only["entries"]] == ["optout"]
    page = api.get("/v1/audit", params={"limit": 2}).json()
    assert page["has_more"] is True and len(page["entries"]) == 2
    rest = api.get("/v1/audit", params={"cursor": page["next_cursor"]}).json()
    assert [e["action"] for e in rest["entries"]] == ["optout_undo"]
    bad = api.get("/v1/audit", params={"action": "explode"})
    assert bad.status_code == 422 and "not an audit action" in bad.json()["error"]["message"]


def test_notice_then_erasure_leaves_a_pseudonym_in_the_audit_log(api: Api) -> None:
    api.put("/v1/candidates/ats-1", json=ADA)
    api.post("/v1/candidates/ats-1/optout")

    notice = api.get("/v1/candidates/ats-1/notice")

    assert notice.status_code == 200
    body = notice.json()
    assert body["full_name"] == "Ada Lovelace" and body["opted_out"] is True
    assert {(i["category"], i["value"]) for i in body["held"]} >= {
        ("name", "Ada Lovelace"),
        ("email", "ada@example.com"),
    }
    assert body["sources"][0]["identifier"] == "adal"
    assert [a["action"] for a in body["audit"]] == ["optout"]

    erased = api.delete("/v1/candidates/ats-1")

    assert erased.status_code == 200
    assert api.get("/v1/candidates/ats-1/notice").status_code == 404
    entries = api.get("/v1/audit").json()["entries"]
    assert [e["action"] for e in entries] == ["optout", "erase"]
    assert all(e["subject"].startswith("erased:") for e in entries)
    assert "ats-1" not in str(entries) and "Ada" not in str(entries)


def test_erasure_without_a_secret_key_is_503_and_erases_nothing(api: Api) -> None:
    api.put("/v1/candidates/ats-1", json=ADA)
    keyless = api.settings.model_copy(update={"secret_key": None})
    key = apikeys.create(api.sessions, "other").key
    with (
        ServerThread(create_app(keyless, api.sessions, auth_cache_seconds=0)) as base_url,
        httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {key}"}) as client,
    ):
        refused = client.delete("/v1/candidates/ats-1")
        assert refused.status_code == 503
        assert refused.json()["error"]["code"] == "secret_key_missing"
        assert "MEDALIST_SECRET_KEY" in refused.json()["error"]["message"]
        assert api.get("/v1/candidates/ats-1").status_code == 200

        assert api.delete("/v1/candidates/ats-1").status_code == 200  # the keyed server
        upsert = client.put("/v1/candidates/ats-1", json=ADA)
        assert upsert.status_code == 503, "without the key an erased person is not recognised"
        assert upsert.json()["error"]["code"] == "secret_key_missing"
