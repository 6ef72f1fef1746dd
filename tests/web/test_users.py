"""Recruiter logins: ``medalist user create|delete``, scrypt hashes, sessions that expire."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from click.testing import CliRunner, Result
from sqlalchemy.orm import Session, sessionmaker

from enrichment.model import utcnow
from medalist.cli import cli
from medalist.passwords import hash_password, verify_password
from medalist.services import users
from medalist.settings import load_settings
from storage.unit_of_work import UnitOfWork


def test_a_password_hash_is_salted_scrypt_and_verifies() -> None:
    first = hash_password("correct horse", n=2**10)
    second = hash_password("correct horse", n=2**10)
    assert first.startswith("scrypt$1024$8$1$") and first != second
    assert verify_password("correct horse", first)
    assert not verify_password("correct horsf", first)
    assert not verify_password("correct horse", "sha256$abc")
    assert not verify_password("correct horse", "scrypt$x$8$1$AA==$AA==")


def test_user_create_reads_stdin_and_stores_only_a_hash(
    medalist: Callable[..., Result], database_url: str, session_factory: sessionmaker[Session]
) -> None:
    runner = CliRunner()
    settings = load_settings(database_url=database_url)
    created = runner.invoke(cli, ["user", "create", "rita"], input="s3cret-pass\n", obj=settings)
    assert created.exit_code == 0, created.output
    with UnitOfWork(session_factory) as uow:
        row = uow.users.get("rita")
        assert row is not None
        assert "s3cret-pass" not in row.password_hash
        assert row.password_hash.startswith("scrypt$")
    again = runner.invoke(cli, ["user", "create", "rita"], input="other-pass\n", obj=settings)
    assert again.exit_code == 1 and "exists" in again.output
    short = runner.invoke(cli, ["user", "create", "sam"], input="short\n", obj=settings)
    assert short.exit_code != 0 and "at least 8 characters" in short.output
    empty = runner.invoke(cli, ["user", "create", "sam"], input="", obj=settings)
    assert empty.exit_code == 2 and "no password on standard input" in empty.output
    listed = runner.invoke(cli, ["user", "list"], obj=settings)
    assert "rita" in listed.output and "sam" not in listed.output
    assert medalist("user", "delete", "rita").exit_code == 0
    gone = medalist("user", "delete", "rita")
    assert gone.exit_code == 1 and "no user named 'rita'" in gone.output


def test_sign_in_checks_the_password_and_sessions_expire(
    session_factory: sessionmaker[Session],
) -> None:
    users.create(session_factory, "rita", "s3cret-pass")
    hour = timedelta(hours=1)
    assert users.sign_in(session_factory, "rita", "wrong-pass", lifetime=hour) is None
    assert users.sign_in(session_factory, "nobody", "s3cret-pass", lifetime=hour) is None
    session = users.sign_in(session_factory, "rita", "s3cret-pass", lifetime=hour)
    assert session is not None and session.user == "rita"
    live = users.session_for(session_factory, session.token)
    assert live is not None and live.csrf_token == session.csrf_token
    assert users.session_for(session_factory, session.token + "x") is None
    old = users.sign_in(
        session_factory, "rita", "s3cret-pass", lifetime=hour, now=utcnow() - 2 * hour
    )
    assert old is not None and users.session_for(session_factory, old.token) is None
    users.sign_out(session_factory, session.token)
    assert users.session_for(session_factory, session.token) is None
    again = users.sign_in(session_factory, "rita", "s3cret-pass", lifetime=hour)
    assert again is not None
    users.delete(session_factory, "rita")
    assert users.session_for(session_factory, again.token) is None
