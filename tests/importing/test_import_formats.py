"""JSON Lines, JSON Resume and folder imports; batching; erased people."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from enrichment.dates import PartialDate
from enrichment.model import Education, Position, ProfileRef
from medalist.cli import cli
from medalist.importing import import_candidates
from medalist.importing.erasure import erasure_digests
from medalist.settings import load_settings
from storage.unit_of_work import UnitOfWork

Invoke = Callable[..., Result]
Write = Callable[[str, str], Path]

ADA = {
    "external_id": "ats-123",
    "full_name": "Ada Lovelace",
    "emails": ["ada@example.com"],
    "location": "London, UK",
    "profiles": [
        {"kind": "website", "url": "https://ada.example/"},
        {"kind": "orcid", "id": "0000-0002-1825-0097"},
        {"kind": "github", "id": "adal"},
    ],
    "positions": [
        {"title": "Software Engineer", "company": "Acme", "start": "2019-03", "end": None}
    ],
    "skills": ["python", "sql"],
    "education": [{"institution": "UCL", "degree": "BSc Computer Science", "end": "2015"}],
    "applications": [
        {"req_id": "R-7", "stage_reached": "final interview", "closed_at": "2024-05-01"}
    ],
}

RESUME: dict[str, Any] = {
    "basics": {
        "name": "Grace Hopper",
        "email": "Grace@Example.com",
        "url": "https://grace.example/",
        "location": {"city": "Arlington", "region": "VA", "countryCode": "US"},
        "profiles": [
            {"network": "GitHub", "username": "ghopper", "url": "https://github.com/ghopper"}
        ],
    },
    "work": [{"name": "US Navy", "position": "Rear Admiral", "startDate": "1983-11"}],
    "education": [
        {"institution": "Yale", "studyType": "PhD", "area": "Mathematics", "endDate": "1934"}
    ],
    "skills": [{"name": "COBOL", "keywords": ["compilers"]}],
}


def lines(*objects: object) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects)


def test_jsonl_imports_good_lines_and_names_bad_fields(
    medalist: Invoke, write: Write, uow: UnitOfWork
) -> None:
    bad_date = dict(ADA, external_id="ats-2", positions=[{"title": "X", "start": "2019-13"}])
    path = write(
        "candidates.jsonl",
        lines(
            ADA,
            "{not json",
            {"external_id": "ats-3"},
            bad_date,
            "",
            ["a", "list"],
            dict(ADA, full_name="Ada Twice"),
        ),
    )
    result = medalist("import", "candidates", path)
    assert result.exit_code == 0, result.output
    assert f"{path}:2: not valid JSON" in result.output
    assert f"{path}:3: field 'full_name': is required" in result.output
    assert f"{path}:4: field 'positions[0].start': " in result.output
    assert f"{path}:6: expected a JSON object" in result.output
    assert f"{path}:7: field 'external_id': 'ats-123' appears again (first on line 1)" in (
        result.output
    )
    assert "imported 1, updated 0, unchanged 0, skipped 5 bad rows" in result.output
    with uow:
        ada = uow.candidates.get("ats-123")
        assert ada is not None and ada.full_name == "Ada Lovelace"
        assert ada.education == (Education("UCL", "BSc Computer Science", end=PartialDate(2015)),)
        assert ada.applications[0].closed_at == PartialDate(2024, 5, 1)
    again = medalist("import", "candidates", path)
    assert "imported 0, updated 0, unchanged 1" in again.output


def test_a_json_resume_is_one_candidate_named_by_its_email(
    medalist: Invoke, write: Write, uow: UnitOfWork
) -> None:
    path = write("grace.json", json.dumps(RESUME))
    result = medalist("import", "candidates", path)
    assert result.exit_code == 0, result.output
    assert "imported 1," in result.output
    with uow:
        grace = uow.candidates.get("grace@example.com")
        assert grace is not None
        assert grace.full_name == "Grace Hopper"
        assert grace.location == "Arlington, VA, US"
        assert grace.positions == (Position("Rear Admiral", "US Navy", PartialDate(1983, 11)),)
        assert "COBOL" in grace.skills
        assert set(grace.profiles) == {
            ProfileRef("website", url="https://grace.example/"),
            ProfileRef("github", id="ghopper"),
        }


def test_a_json_resume_with_an_external_id_option(
    medalist: Invoke, write: Write, uow: UnitOfWork
) -> None:
    path = write("grace.json", json.dumps(RESUME))
    result = medalist("import", "candidates", path, "--external-id", "ats-42")
    assert result.exit_code == 0, result.output
    with uow:
        assert uow.candidates.get("ats-42") is not None
        assert uow.candidates.get("grace@example.com") is None


def test_a_json_resume_without_email_or_name_is_a_bad_row(medalist: Invoke, write: Write) -> None:
    no_email = write("a.json", json.dumps({"basics": {"name": "Nobody"}}))
    result = medalist("import", "candidates", no_email)
    assert f"{no_email}: field 'basics.email': is required" in result.output
    no_name = write("b.json", json.dumps({"basics": {"email": "x@example.com"}}))
    result = medalist("import", "candidates", no_name)
    assert f"{no_name}: field 'basics.name': is required" in result.output
    broken = write("c.json", "{")
    result = medalist("import", "candidates", broken)
    assert f"{broken}: not valid JSON (line 1, column 2)" in result.output
    assert "skipped 1 bad row" in result.output


def test_a_folder_imports_every_known_file(medalist: Invoke, write: Write, uow: UnitOfWork) -> None:
    write("export/a.csv", "external_id,full_name\nats-1,Ada\n")
    write("export/b.jsonl", lines({"external_id": "ats-2", "full_name": "Bo"}))
    write("export/c.ndjson", lines({"external_id": "ats-3", "full_name": "Cy"}))
    write("export/grace.json", json.dumps(RESUME))
    write("export/notes.txt", "ignored")
    folder = write("export/a.csv", "external_id,full_name\nats-1,Ada\n").parent
    result = medalist("import", "candidates", folder)
    assert result.exit_code == 0, result.output
    assert "imported 4, updated 0, unchanged 0, skipped 0 bad rows" in result.output
    with uow:
        assert uow.candidates.count() == 4
    assert medalist("import", "candidates", folder, "--external-id", "x").exit_code == 2


def test_small_batches_import_the_same(
    write: Write, session_factory: sessionmaker[Session]
) -> None:
    rows = "".join(f"ats-{i},Person {i}\n" for i in range(7))
    path = write("c.csv", "external_id,full_name\n" + rows)
    report = import_candidates(path, lambda: UnitOfWork(session_factory), batch_size=2)
    assert (report.created, report.read, report.bad_count) == (7, 7, 0)
    again = import_candidates(path, lambda: UnitOfWork(session_factory), batch_size=3)
    assert again.unchanged == 7


def test_an_erased_person_is_skipped_and_reported(
    database_url: str, write: Write, uow: UnitOfWork
) -> None:
    with uow:
        uow.erased.add(erasure_digests("ats-gone", ["gone@example.com"], b"import-test-key"))
        uow.commit()

    def medalist(*args: object) -> Result:
        settings = load_settings(database_url=database_url, secret_key="import-test-key")
        return CliRunner().invoke(cli, [str(a) for a in args], obj=settings)

    path = write(
        "c.csv",
        "external_id,full_name,email\n"
        "ats-gone,Gone Person,\n"
        "ats-new-id,Same Person,GONE@example.com\n"
        "ats-ok,Kept Person,ok@example.com\n",
    )
    result = medalist("import", "candidates", path, "--strict")
    assert result.exit_code == 0, result.output
    assert f"{path}:2: 'ats-gone' skipped: this person was erased" in result.output
    assert f"{path}:3: 'ats-new-id' skipped: this person was erased" in result.output
    assert "imported 1, updated 0, unchanged 0, skipped 0 bad rows, skipped 2 erased" in (
        result.output
    )
    with uow:
        assert uow.candidates.get("ats-gone") is None
        assert uow.candidates.get("ats-new-id") is None
        assert uow.candidates.get("ats-ok") is not None


def test_values_too_long_to_store_are_bad_rows(medalist: Invoke, write: Write) -> None:
    long_id = "x" * 300
    long_url = "https://ada.example/" + "a" * 2100
    path = write(
        "c.jsonl",
        lines(
            {"external_id": long_id, "full_name": "Long Id"},
            {
                "external_id": "ok-1",
                "full_name": "Long Url",
                "profiles": [{"kind": "website", "url": long_url}],
            },
            {"external_id": "ok-2", "full_name": "Fine"},
        ),
    )
    result = medalist("import", "candidates", path)
    assert f"{path}:1: field 'external_id': is 300 characters long; at most 255" in result.output
    assert f"{path}:2: field 'profiles[0].url': is 2120 characters long" in result.output
    assert "imported 1, updated 0, unchanged 0, skipped 2 bad rows" in result.output


def test_jsonl_api_profiles_given_by_url_are_stored_by_identifier(
    medalist: Invoke, write: Write, uow: UnitOfWork
) -> None:
    profiles = [
        {"kind": "orcid", "url": "https://orcid.org/0000-0002-1825-0097"},
        {"kind": "github", "url": "https://github.com/adal"},
        {"kind": "github", "id": "adal"},
    ]
    bad = [{"kind": "orcid", "id": "12345"}]
    path = write(
        "c.jsonl",
        lines(
            {"external_id": "a", "full_name": "Ada", "profiles": profiles},
            {"external_id": "b", "full_name": "Bo", "profiles": bad},
        ),
    )
    result = medalist("import", "candidates", path)
    assert f"{path}:2: field 'profiles[0].id': '12345' is not an ORCID iD" in result.output
    with uow:
        ada = uow.candidates.get("a")
        assert ada is not None and ada.profiles == (
            ProfileRef("orcid", id="0000-0002-1825-0097"),
            ProfileRef("github", id="adal"),
        )


def test_a_batch_the_database_refuses_stops_the_import_clearly(
    medalist: Invoke, write: Write, engine: Engine, uow: UnitOfWork
) -> None:
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE applications"))
    path = write(
        "c.csv",
        "external_id,full_name,applied_req_id\nats-1,Ada,\nats-2,Bo,R-1\nats-3,Cy,\n",
    )
    result = medalist("import", "candidates", path, "--batch-size", "1")
    assert result.exit_code == 1
    assert f"{path}:3 to {path}:3: the database refused this batch" in result.output
    assert "Before it: candidates: imported 1, updated 0" in result.output
    with uow:
        assert set(uow.candidates.ids_for(["ats-1", "ats-2", "ats-3"])) == {"ats-1"}
