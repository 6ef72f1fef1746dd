"""Targets read strictly, results always one per target, records validated before writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.items import BadTarget, Result, Target
from crawler.pipelines import ValidateRecordsPipeline
from crawler.runner import read_targets
from enrichment.model import ProfileRecord


def test_target_from_the_protocol() -> None:
    target = Target.from_dict(
        {
            "source_id": 42,
            "kind": "github",
            "url": None,
            "identifier": "sigmavirus24",
            "etag": '"73ff57ac"',
            "last_modified": "Mon, 01 Sep 2014 15:37:46 GMT",
            "render": "auto",
        }
    )
    assert target.source_id == "42"
    assert target.etag == '"73ff57ac"'


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "github", "identifier": "x"}, "'source_id' is required"),
        ({"source_id": "1", "kind": "myspace", "url": "https://x"}, "'myspace' is not one of"),
        ({"source_id": "1", "kind": "website"}, "a website target needs 'url'"),
        ({"source_id": "1", "kind": "orcid"}, "a orcid target needs 'identifier'"),
        ({"source_id": "1", "kind": "website", "url": "https://x", "render": "maybe"}, "'render'"),
        ({"source_id": "1", "kind": "website", "url": "https://x", "context": []}, "'context'"),
    ],
)
def test_bad_targets_say_why(data: dict[str, object], message: str) -> None:
    with pytest.raises(BadTarget, match=message):
        Target.from_dict(data)


def test_bad_lines_become_error_results(tmp_path: Path) -> None:
    path = tmp_path / "targets.jsonl"
    path.write_text(
        '{"source_id": "1", "kind": "github", "identifier": "x"}\n'
        "\n"
        "{not json\n"
        '{"source_id": "7", "kind": "website"}\n'
    )
    targets, bad = read_targets(path)
    assert [t.source_id for t in targets] == ["1"]
    assert [(r.source_id, r.status) for r in bad] == [("line 3", "error"), ("7", "error")]
    assert bad[1].error == f"{path}: line 4: a website target needs 'url'"


def test_invalid_records_become_an_error_on_the_result() -> None:
    good = ProfileRecord(full_name="Ada King", kind="website")
    result = Result(
        source_id="1",
        kind="website",
        url="https://ada.example/",
        status="ok",
        records=[good, {"kind": "website"}, {"full_name": "X", "kind": "myspace"}],  # type: ignore[list-item]
    )
    out = ValidateRecordsPipeline().process_item(result)
    assert out.status == "ok"
    assert [r["full_name"] for r in out.records] == ["Ada King"]
    assert out.error.startswith(
        "2 invalid record(s) dropped: record 1: field 'full_name': is required"
    )
    json.dumps(out.to_dict())

    only_bad = Result(source_id="2", kind="website", url=None, status="ok", records=[{"x": 1}])  # type: ignore[list-item]
    assert ValidateRecordsPipeline().process_item(only_bad).status == "error"


def test_results_serialise_without_the_run() -> None:
    result = Result.failure("1", "github", None, "boom")
    result.run = "abc"
    assert "run" not in result.to_dict()
    assert set(result.to_dict()) == {
        "source_id",
        "kind",
        "url",
        "status",
        "http_status",
        "etag",
        "last_modified",
        "content_hash",
        "fetched_at",
        "error",
        "records",
        "warnings",
    }
