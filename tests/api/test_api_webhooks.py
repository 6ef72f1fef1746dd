"""Webhooks end to end: a subscription through the API, events written with their outbox rows,
deliveries POSTed to a real loopback receiver that checks each signature and fails on purpose,
backoff, giving up (visible through the API), order per candidate, and refused addresses."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from api_support import store_candidate, store_events
from conftest import Api

from medalist.webhooks import deliver_due

SECRET = "s3cret-for-tests"


class Receiver:
    """A loopback HTTP server: answers each POST with the next scripted status (200 once the
    script is used up) and keeps what it received, with the signature checked."""

    def __init__(self) -> None:
        self.script: list[int] = []
        self.received: list[dict[str, object]] = []
        self.bad_signatures = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                if not hmac.compare_digest(expected, self.headers["X-Medalist-Signature"] or ""):
                    receiver.bad_signatures += 1
                    self.send_response(401)
                    self.end_headers()
                    return
                status = receiver.script.pop(0) if receiver.script else 200
                event = json.loads(body)
                receiver.received.append(
                    {
                        "status": status,
                        "id": self.headers["X-Medalist-Event-Id"],
                        "host": self.headers["Host"],
                        "event": event,
                    }
                )
                assert event["id"] == self.headers["X-Medalist-Event-Id"]
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def delivered_ids(self) -> list[str]:
        return [str(r["id"]) for r in self.received if r["status"] == 200]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    r.thread.start()
    try:
        yield r
    finally:
        r.server.shutdown()
        r.server.server_close()


def _subscribe(api: Api, url: str, **extra: object) -> int:
    response = api.post("/v1/webhooks", json={"url": url, "secret": SECRET, **extra})
    assert response.status_code == 201, response.text
    webhook_id: int = response.json()["id"]
    return webhook_id


def test_events_are_delivered_signed_and_in_order_per_candidate(
    api: Api, receiver: Receiver
) -> None:
    webhook = _subscribe(api, receiver.url)
    a = store_candidate(api.sessions, "ats-a")
    b = store_candidate(api.sessions, "ats-b")
    a_ids = store_events(api.sessions, a, "ats-a", range(3))
    b_ids = store_events(api.sessions, b, "ats-b", range(2))
    receiver.script = [500]  # the first POST fails
    now = datetime.now(UTC)
    counts = deliver_due(api.settings, api.sessions, now=now)
    assert receiver.bad_signatures == 0
    # the failed one (ats-a's first) holds back ats-a's later events; ats-b's all go
    assert counts.retrying == 1
    assert receiver.delivered_ids() == b_ids
    assert receiver.received[0]["id"] == a_ids[0]

    later = now + timedelta(seconds=api.settings.webhook_backoff_seconds + 1)
    assert deliver_due(api.settings, api.sessions, now=now).attempted == 0  # not due yet
    counts = deliver_due(api.settings, api.sessions, now=later)
    assert counts.delivered == 3
    assert receiver.delivered_ids() == b_ids + a_ids
    event = receiver.received[-1]["event"]
    assert isinstance(event, dict) and event["candidate"]["external_id"] == "ats-a"

    deliveries = api.get(f"/v1/webhooks/{webhook}/deliveries").json()["deliveries"]
    assert {d["status"] for d in deliveries} == {"delivered"}
    first = next(d for d in deliveries if d["event_id"] == a_ids[0])
    assert first["attempts"] == 2 and first["last_http_status"] == 200
    assert deliver_due(api.settings, api.sessions, now=later).attempted == 0


def test_a_delivery_is_given_up_after_the_bound_and_shown(api: Api, receiver: Receiver) -> None:
    settings = api.settings.model_copy(update={"webhook_max_attempts": 3})
    webhook = _subscribe(api, receiver.url, types=["promotion"])
    cid = store_candidate(api.sessions, "ats-a")
    [promoted] = store_events(api.sessions, cid, "ats-a", range(1))
    store_events(api.sessions, cid, "ats-a", range(1, 2), type="new_skill")  # not subscribed
    receiver.script = [503, 503, 503]
    when = datetime.now(UTC)
    for _ in range(3):
        deliver_due(settings, api.sessions, now=when)
        when += timedelta(hours=7)
    assert [r["id"] for r in receiver.received] == [promoted] * 3
    [delivery] = api.get(f"/v1/webhooks/{webhook}/deliveries").json()["deliveries"]
    assert delivery["status"] == "failed"
    assert delivery["attempts"] == 3
    assert delivery["last_error"] == "answered HTTP 503"
    failed = api.get(f"/v1/webhooks/{webhook}/deliveries", params={"status": "failed"}).json()
    assert len(failed["deliveries"]) == 1
    assert deliver_due(settings, api.sessions, now=when).attempted == 0


def test_backoff_doubles(api: Api) -> None:
    from medalist.webhooks import retry_delay

    base = api.settings.webhook_backoff_seconds
    assert [retry_delay(api.settings, n).total_seconds() for n in (1, 2, 3)] == [
        base,
        base * 2,
        base * 4,
    ]
    assert retry_delay(api.settings, 40) == timedelta(hours=6)


def test_subscriptions_listed_deleted_and_private_urls_refused(
    api: Api, receiver: Receiver
) -> None:
    webhook = _subscribe(api, receiver.url)
    listed = api.get("/v1/webhooks").json()["webhooks"]
    assert [w["id"] for w in listed] == [webhook]
    assert "secret" not in listed[0]
    assert api.get(f"/v1/webhooks/{webhook}").json()["url"] == receiver.url
    assert api.delete(f"/v1/webhooks/{webhook}").status_code == 204
    assert api.get(f"/v1/webhooks/{webhook}").status_code == 404
    assert api.get("/v1/webhooks").json()["webhooks"] == []

    # the test server allows 127.0.0.1 only; other private and link-local hosts are refused
    for url in ("http://10.1.2.3/hook", "http://169.254.169.254/latest", "http://[::1]/x"):
        refused = api.post("/v1/webhooks", json={"url": url, "secret": SECRET})
        assert refused.status_code == 422, url
        assert refused.json()["error"]["code"] == "webhook_url_refused"
    scheme = api.post("/v1/webhooks", json={"url": "ftp://example.com/", "secret": SECRET})
    assert scheme.status_code == 422


def test_no_webhook_no_outbox_and_a_rolled_back_event_is_never_queued(api: Api) -> None:
    from api_support import event

    from storage.models import WebhookDeliveryRow
    from storage.unit_of_work import UnitOfWork

    cid = store_candidate(api.sessions, "ats-a")
    store_events(api.sessions, cid, "ats-a", range(1))
    _subscribe(api, "http://127.0.0.1:9/hook")
    with UnitOfWork(api.sessions) as uow:
        uow.events.add_if_new(event("ats-a", 5), "fp-5", candidate_id=cid)
        # leaving without commit rolls back the event and its outbox row together
    with UnitOfWork(api.sessions) as uow:
        assert uow.session.query(WebhookDeliveryRow).count() == 0


def test_delivery_rechecks_the_address_policy(api: Api, receiver: Receiver) -> None:
    _subscribe(api, receiver.url)
    cid = store_candidate(api.sessions, "ats-a")
    store_events(api.sessions, cid, "ats-a", range(1))
    strict = api.settings.model_copy(update={"allow_hosts": ""})
    counts = deliver_due(strict, api.sessions)
    assert counts.retrying == 1 and receiver.received == []
    [delivery] = api.get("/v1/webhooks/1/deliveries").json()["deliveries"]
    assert delivery["last_error"].startswith("refused: 127.0.0.1 is")


class FakeDns:
    """A resolver whose answers are scripted per call (the last one repeats)."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


def _subscribe_name(api: Api, url: str, dns: FakeDns) -> None:
    from crawler.addresses import AddressPolicy
    from medalist.services import webhooks

    policy = AddressPolicy.from_entries(api.settings.allowed_hosts)
    webhooks.subscribe(api.sessions, url, SECRET, None, policy=policy, resolve=dns)


def test_a_delivery_connects_to_the_address_it_checked(api: Api, receiver: Receiver) -> None:
    port = receiver.server.server_address[1]
    url = f"http://hooks.example:{port}/hook"  # a name no real resolver knows
    dns = FakeDns(["127.0.0.1"])  # allowed in the tests (MEDALIST_ALLOW_HOSTS=127.0.0.1)
    _subscribe_name(api, url, dns)
    cid = store_candidate(api.sessions, "ats-a")
    [event_id] = store_events(api.sessions, cid, "ats-a", range(1))
    dns.asked.clear()
    counts = deliver_due(api.settings, api.sessions, resolve=dns)
    # one resolution, and the connection went to its answer: the client resolving
    # 'hooks.example' itself would have failed
    assert counts.delivered == 1 and dns.asked == ["hooks.example"]
    assert receiver.delivered_ids() == [event_id]
    assert receiver.received[0]["host"] == f"hooks.example:{port}"


def test_a_name_that_rebinds_to_a_private_address_is_refused(api: Api, receiver: Receiver) -> None:
    port = receiver.server.server_address[1]
    url = f"http://hooks.example:{port}/hook"
    # public-looking at the subscription, then a private address at the delivery
    dns = FakeDns(["127.0.0.1"], ["10.0.0.7"])
    _subscribe_name(api, url, dns)
    cid = store_candidate(api.sessions, "ats-a")
    store_events(api.sessions, cid, "ats-a", range(1))
    counts = deliver_due(api.settings, api.sessions, resolve=dns)
    assert counts.retrying == 1 and receiver.received == []
    [delivery] = api.get("/v1/webhooks/1/deliveries").json()["deliveries"]
    assert "hooks.example resolves to 10.0.0.7" in delivery["last_error"]


def test_one_private_address_among_several_refuses_the_host() -> None:
    from crawler.addresses import AddressPolicy, Refusal
    from medalist.webhook_address import resolve_url

    policy = AddressPolicy.from_entries("")
    with pytest.raises(Refusal, match=r"169\.254\.169\.254"):
        resolve_url(
            "https://hooks.example/x", policy, FakeDns(["93.184.215.14", "169.254.169.254"])
        )
    pinned = resolve_url("https://hooks.example/x", policy, FakeDns(["93.184.215.14"]))
    assert (pinned.address, pinned.host_header, pinned.server_name) == (
        "93.184.215.14",
        "hooks.example",
        "hooks.example",
    )
    literal = resolve_url("http://93.184.215.14:8080/x", policy, FakeDns([]))
    assert (literal.host_header, literal.server_name) == ("93.184.215.14:8080", None)
    allowed = AddressPolicy.from_entries("hooks.internal")
    assert resolve_url("http://hooks.internal/x", allowed, FakeDns(["10.0.0.7"])).address == (
        "10.0.0.7"
    )


def _certificate_for(name: str, directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` (and only that name) and its key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_an_https_delivery_to_a_pinned_address_verifies_the_name(
    api: Api, receiver: Receiver, tmp_path: Path
) -> None:
    """The connection goes to the checked address, and TLS still checks the certificate
    against the URL's name (sent as the server name): a certificate for 'hooks.example' alone
    passes, which it could not if the client verified the address."""
    import ssl

    import httpx

    cert, key = _certificate_for("hooks.example", tmp_path)
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    seen_names: list[str | None] = []
    server_side.sni_callback = lambda sock, name, context: seen_names.append(name)
    receiver.server.socket = server_side.wrap_socket(receiver.server.socket, server_side=True)
    port = receiver.server.server_address[1]
    dns = FakeDns(["127.0.0.1"])
    _subscribe_name(api, f"https://hooks.example:{port}/hook", dns)
    cid = store_candidate(api.sessions, "ats-a")
    [event_id] = store_events(api.sessions, cid, "ats-a", range(1))
    trusting = ssl.create_default_context(cafile=str(cert))
    with httpx.Client(verify=trusting, follow_redirects=False, trust_env=False) as client:
        counts = deliver_due(api.settings, api.sessions, resolve=dns, client=client)
    assert counts.delivered == 1, api.get("/v1/webhooks/1/deliveries").json()
    assert receiver.delivered_ids() == [event_id]
    assert seen_names == ["hooks.example"]
    assert receiver.received[0]["host"] == f"hooks.example:{port}"
