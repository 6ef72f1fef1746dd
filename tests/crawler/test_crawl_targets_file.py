"""The targets file read as the crawl goes, and a ledger that keeps only ids."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.targets import TargetFile
from enrichment.protocol import FetchStatus, Ledger, Result, Target


def _write(path: Path, lines: list[str]) -> TargetFile:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return TargetFile(path)


def test_a_targets_file_is_read_per_kind_and_bad_lines_are_named(tmp_path: Path) -> None:
    good = [
        Target(source_id="1", kind="website", url="https://a.example/"),
        Target(source_id="2", kind="github", identifier="octocat"),
        Target(source_id="3", kind="website", url="https://b.example/"),
    ]
    lines = [json.dumps(t.to_dict()) for t in good]
    lines.insert(1, "{not json")
    lines.insert(3, json.dumps({"source_id": "9", "kind": "no-such-kind"}))
    targets = _write(tmp_path / "targets.jsonl", lines)

    kinds, bad = targets.scan()

    assert kinds == ["website", "github"]
    assert [t.source_id for t in targets] == ["1", "2", "3"]
    assert [t.source_id for t in targets.of_kind("website")] == ["1", "3"]
    assert [t.source_id for t in targets.of_kind("website")] == ["1", "3"], "read again"
    assert [(r.source_id, r.status) for r in bad] == [
        ("line 2", FetchStatus.ERROR),
        ("9", FetchStatus.ERROR),
    ]
    assert bad[0].error is not None and bad[0].error.startswith(f"{targets.path}: line 2: ")


def test_a_ledger_without_its_targets_reads_them_back_to_answer_what_is_owed(
    tmp_path: Path,
) -> None:
    targets = [Target(source_id=str(i), kind="website", url=f"https://{i}.example/") for i in "abc"]
    file = _write(tmp_path / "t.jsonl", [json.dumps(t.to_dict()) for t in targets[:2]])
    ledger = Ledger(targets, keep=False)
    assert ledger.accept(Result(source_id="a", kind="website", url=None, status="ok"))

    owed = {r.source_id: r for r in ledger.owed("the crawl ended", file)}

    assert set(owed) == {"b", "c"} and len(ledger) == 0
    assert (owed["b"].kind, owed["b"].url) == ("website", "https://b.example/")
    assert owed["c"].status is FetchStatus.ERROR, "not in the file: still one result"
    assert all(r.error == "the crawl ended" for r in owed.values())
