"""Erasure: after ``medalist erase`` nothing of the person is left anywhere in the database
(checked in a full dump, on SQLite and PostgreSQL), only keyed hashes, which stop a later
import of them and keep them off crawled pages; without the secret key nothing is erased."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from privacy_support import (
    SECRET,
    ada_traces,
    dump,
    found_in,
    people,
    refresher,
    settings_for,
    site_server,  # noqa: F401 (the fixture 'site')
    store_everyone,
)
from pydantic import SecretStr
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from medalist.cli import cli
from medalist.demo.server import SiteServer
from medalist.services import privacy
from medalist.settings import Settings
from storage.unit_of_work import UnitOfWork


def _cli(settings: Settings, *args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], obj=settings)


def _populate(
    settings: Settings, session_factory: sessionmaker[Session], uow: UnitOfWork, site: SiteServer
) -> None:
    """Everything a deployment accumulates about Ada: her record and sources, a run's
    snapshots, events, a webhook delivery, her entry on a watched team page, a review item
    about her proposing nobody, her name in a run's error log and in the audit log."""
    store_everyone(uow, site)
    summary = refresher(settings, session_factory).run(everyone=True)
    assert summary.events_new > 0, summary.errors
    privacy.opt_out(session_factory, "ats-ada-1815", actor="cli:tester")
    privacy.opt_out(session_factory, "ats-ada-1815", actor="cli:tester", undo=True)
    with uow:
        ada = uow.candidates.get_row("ats-ada-1815")
        assert ada is not None
        uow.matches.add_pending(
            "feed:ada-lovelace",
            {"full_name": "Ada Lovelace", "kind": "feed", "url": "https://news.example/1"},
            candidate_id=None,
            score=0.6,
            method="fuzzy",
            reasons=["name: exact (+9.0)"],
        )
        run = uow.runs.list(1)[0]
        run.errors = [*run.errors, "ats-ada-1815: fetching the page of Ada Lovelace failed"]
        uow.commit()


def test_after_erasure_the_dump_holds_no_trace_and_a_reimport_is_skipped(
    database_url: str,
    engine: Engine,
    session_factory: sessionmaker[Session],
    uow: UnitOfWork,
    site: SiteServer,
    write: object,
    tmp_path: Path,
) -> None:
    settings = settings_for(database_url, site)
    _populate(settings, session_factory, uow, site)
    before = dump(engine)
    assert set(found_in(before, ada_traces(site))) == set(ada_traces(site)), (
        "the test must put every trace of her in the database first"
    )
    assert "ats-ada-1815" in before and "Ada Lovelace" in before

    erased = _cli(settings, "erase", "ats-ada-1815", "--yes")

    assert erased.exit_code == 0, erased.output
    assert "ats-ada-1815: erased" in erased.output
    after = dump(engine)
    assert found_in(after, ada_traces(site)) == []
    assert "Grace Hopper" in after and "grace@navy.example" in after, "others are kept"
    if engine.dialect.name == "sqlite":
        engine.dispose()
        database = Path(engine.url.database or "")
        raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
        assert b"Ada Lovelace" not in raw and b"ada@lovelace.example" not in raw, (
            "deleted rows are overwritten (secure_delete) and the WAL checkpointed"
        )

    # a later ATS export still holding her, under her id or under a new id with her ORCID
    export = tmp_path / "export.jsonl"
    export.write_text(
        '{"external_id": "ats-ada-1815", "full_name": "Ada Lovelace"}\n'
        '{"external_id": "ats-new-9", "full_name": "A. King", '
        '"profiles": [{"kind": "orcid", "id": "https://orcid.org/0000-0002-1694-233X"}]}\n'
        '{"external_id": "ats-new-10", "full_name": "Someone Else"}\n',
        encoding="utf-8",
    )
    imported = _cli(settings, "import", "candidates", export)
    assert imported.exit_code == 0, imported.output
    assert "'ats-ada-1815' skipped: this person was erased" in imported.output
    assert "'ats-new-9' skipped: this person was erased" in imported.output
    assert "skipped 2 erased" in imported.output

    # the team page read again in full: her entry is dropped before anything is stored
    with uow:
        team = uow.sources.list_watched()[0]
        team.etag = team.last_modified = team.content_hash = None
        uow.commit()
    refresher(settings, session_factory).run(everyone=True)
    assert found_in(dump(engine), ada_traces(site)) == []
    with uow:
        entry = uow.sources.list_watched()[0]
        names = [r["full_name"] for r in uow.snapshots.latest(entry.id).records]  # type: ignore[union-attr]
        assert "Priya Raman" in names and "Ada Lovelace" not in names


def test_erasure_needs_the_secret_key_and_deletes_nothing_without_it(
    database_url: str, uow: UnitOfWork, site: SiteServer
) -> None:
    with uow:
        uow.candidates.upsert(people(site)[0])
        uow.commit()
    settings = settings_for(database_url, site).model_copy(update={"secret_key": None})

    result = _cli(settings, "erase", "ats-ada-1815", "--yes")

    assert result.exit_code != 0
    assert "MEDALIST_SECRET_KEY is not set" in result.output
    with uow:
        assert uow.candidates.get_row("ats-ada-1815") is not None


def test_an_import_without_the_key_is_refused_once_people_were_erased(
    database_url: str, uow: UnitOfWork, site: SiteServer, tmp_path: Path
) -> None:
    settings = settings_for(database_url, site)
    with uow:
        uow.candidates.upsert(people(site)[1])
        uow.commit()
    assert _cli(settings, "erase", "ats-grace", "--yes").exit_code == 0
    export = tmp_path / "export.jsonl"
    export.write_text('{"external_id": "ats-grace", "full_name": "Grace Hopper"}\n')

    keyless = settings.model_copy(update={"secret_key": None})
    result = _cli(keyless, "import", "candidates", export)

    assert result.exit_code != 0
    assert "MEDALIST_SECRET_KEY is not set" in result.output
    with uow:
        assert uow.candidates.get_row("ats-grace") is None

    other_key = settings.model_copy(update={"secret_key": SecretStr(SECRET + "-rotated")})
    rotated = _cli(other_key, "import", "candidates", export)
    assert "made with a different MEDALIST_SECRET_KEY" in rotated.output
