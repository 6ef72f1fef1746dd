"""``medalist match`` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from medalist.cli import cli

CANDIDATES = [
    {
        "external_id": "ats-123",
        "full_name": "Ada Lovelace",
        "emails": ["ada@example.com"],
        "location": "London, UK",
        "profiles": [{"kind": "orcid", "id": "0000-0002-1825-0097"}],
        "positions": [{"title": "Software Engineer", "company": "Acme", "start": "2019-03"}],
    },
    {
        "external_id": "m1",
        "full_name": "Maria Garcia",
        "location": "Madrid, Spain",
        "positions": [{"title": "Engineer", "company": "Telefonica"}],
    },
    {
        "external_id": "m2",
        "full_name": "María García",
        "location": "Madrid, Spain",
        "positions": [{"title": "Accountant", "company": "Santander"}],
    },
]
PROFILES = [
    {"profile_id": "p-1", "full_name": "Ada King", "identifiers": {"orcid": "0000-0002-1825-0097"}},
    {
        "profile_id": "p-2",
        "kind": "team_page",
        "url": "https://bbva.example/team",
        "full_name": "Maria Garcia",
        "location": "Madrid",
        "positions": [{"title": "CFO", "company": "BBVA"}],
    },
    {"profile_id": "p-3", "kind": "feed", "full_name": "Zed Unknown"},
]


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_match_prints_one_line_per_profile(tmp_path: Path) -> None:
    cands = write_jsonl(tmp_path / "c.jsonl", CANDIDATES)
    profs = write_jsonl(tmp_path / "p.jsonl", PROFILES)
    result = CliRunner().invoke(
        cli, ["match", "--candidates", str(cands), "--profiles", str(profs)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["profile_id"] for line in lines] == ["p-1", "p-2", "p-3"]
    for line in lines:
        assert {"profile_id", "candidate_id", "score", "decision", "reasons"} <= set(line)
    assert lines[0]["decision"] == "link" and lines[0]["candidate_id"] == "ats-123"
    assert lines[1]["decision"] == "review" and lines[1]["candidate_id"] is None
    assert lines[1]["proposed_candidate_id"] in ("m1", "m2")
    assert lines[2]["decision"] == "reject" and lines[2]["candidate_id"] is None


def test_match_writes_out_file(tmp_path: Path) -> None:
    cands = write_jsonl(tmp_path / "c.jsonl", CANDIDATES)
    profs = write_jsonl(tmp_path / "p.jsonl", PROFILES[:1])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["match", "--candidates", str(cands), "--profiles", str(profs), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["candidate_id"] == "ats-123"


def test_bad_line_names_file_line_and_field(tmp_path: Path) -> None:
    cands = write_jsonl(tmp_path / "c.jsonl", CANDIDATES)
    profs = tmp_path / "p.jsonl"
    profs.write_text('{"full_name": "Ada"}\n\n{"profile_id": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["match", "--candidates", str(cands), "--profiles", str(profs)]
    )
    assert result.exit_code == 1  # reported, the rest matched: not a clean run
    assert "p.jsonl: line 3" in result.output and "'full_name'" in result.output


def test_bad_json_and_duplicate_ids(tmp_path: Path) -> None:
    bad = tmp_path / "c.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    profs = write_jsonl(tmp_path / "p.jsonl", PROFILES)
    result = CliRunner().invoke(cli, ["match", "--candidates", str(bad), "--profiles", str(profs)])
    assert result.exit_code == 1 and "c.jsonl: line 1: not valid JSON" in result.output
    dup = write_jsonl(tmp_path / "d.jsonl", [CANDIDATES[0], CANDIDATES[0]])
    result = CliRunner().invoke(cli, ["match", "--candidates", str(dup), "--profiles", str(profs)])
    assert result.exit_code == 1 and "duplicate external_id" in result.output


def test_bad_lines_are_reported_and_the_rest_is_matched(tmp_path: Path) -> None:
    cands = tmp_path / "c.jsonl"
    cands.write_text(
        "{broken\n" + "".join(json.dumps(c) + "\n" for c in CANDIDATES), encoding="utf-8"
    )
    profs = tmp_path / "p.jsonl"
    profs.write_text(
        json.dumps(PROFILES[0]) + "\n"
        '{"profile_id": "x"}\n'
        "[1, 2]\n" + json.dumps(PROFILES[2]) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["match", "--candidates", str(cands), "--profiles", str(profs)]
    )
    assert result.exit_code == 1
    assert "c.jsonl: line 1: not valid JSON" in result.output
    assert "p.jsonl: line 2" in result.output and "'full_name'" in result.output
    assert "p.jsonl: line 3: expected a JSON object" in result.output
    decided = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    assert [d["profile_id"] for d in decided] == ["p-1", "p-3"]
    assert decided[0]["candidate_id"] == "ats-123"  # the candidates after the bad line count


def test_a_position_with_neither_title_nor_company_is_ignored(tmp_path: Path) -> None:
    cands = write_jsonl(
        tmp_path / "c.jsonl",
        [
            {
                "external_id": "ats-123",
                "full_name": "Ada Lovelace",
                "profiles": [{"kind": "orcid", "id": "0000-0002-1825-0097"}],
                "positions": [{"start": "2019"}, {"title": "Engineer", "company": "Acme"}],
            }
        ],
    )
    profs = write_jsonl(
        tmp_path / "p.jsonl",
        [
            {
                "profile_id": "p-1",
                "full_name": "Ada King",
                "identifiers": {"orcid": "0000-0002-1825-0097"},
                "positions": [{"title": None, "company": "", "start": "2020"}],
            }
        ],
    )
    result = CliRunner().invoke(
        cli, ["match", "--candidates", str(cands), "--profiles", str(profs)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["candidate_id"] == "ats-123"


def test_with_enough_profiles_match_estimates_its_weights_by_em_and_links_no_one_wrongly(
    tmp_path: Path,
) -> None:
    import itertools
    import random

    given = ["Ilse", "Tomas", "Renata", "Oskar", "Milena", "Bruno", "Sanne", "Pavel", "Elif"]
    given += ["Joran", "Katja", "Luka", "Noor", "Ivo", "Greta", "Emil", "Anouk", "Teo"]
    family = ["Varga", "Lindqvist", "Okonkwo", "Brandt", "Szabo", "Moreau", "Haddad", "Kowal"]
    family += ["Ferreira", "Novak", "Dijkstra", "Rossi", "Tanaka", "Mwangi", "Costa", "Berg"]
    cities = ["Utrecht", "Graz", "Porto", "Tampere", "Lyon", "Brno", "Gdansk", "Leuven"]
    firms = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Proseware"]
    rng = random.Random(7)
    people = list(itertools.product(given, family))
    rng.shuffle(people)
    candidates, profiles = [], []
    for n, (first, last) in enumerate(people[:300]):
        city, firm = rng.choice(cities), rng.choice(firms)
        candidates.append(
            {
                "external_id": f"c{n}",
                "full_name": f"{first} {last}",
                "location": city,
                "positions": [{"title": "Engineer", "company": firm, "start": "2018-01"}],
            }
        )
        for copy in range(2):  # the same person, seen twice: once where they were, once moved
            moved = copy == 1
            profiles.append(
                {
                    "profile_id": f"c{n}-{copy}",
                    "full_name": f"{first} {last}",
                    "location": rng.choice(cities) if moved else city,
                    "positions": [
                        {"title": "Engineer", "company": firm, "start": "2018-01"},
                        *(
                            [
                                {
                                    "title": "Senior Engineer",
                                    "company": rng.choice(firms),
                                    "start": "2024-02",
                                }
                            ]
                            if moved
                            else []
                        ),
                    ],
                }
            )
    for path, rows in (("c.jsonl", candidates), ("p.jsonl", profiles)):
        (tmp_path / path).write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")

    done = CliRunner().invoke(
        cli,
        [
            "match",
            "--candidates",
            str(tmp_path / "c.jsonl"),
            "--profiles",
            str(tmp_path / "p.jsonl"),
        ],
    )

    assert done.exit_code == 0, done.output
    assert f"weights: estimated by EM from {len(profiles)} profile(s)" in done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == len(profiles) == 2 * len(candidates) >= 500
    links = [(r["profile_id"], r["candidate_id"]) for r in results if r["decision"] == "link"]
    assert all(cid == pid.split("-")[0] for pid, cid in links), "never the wrong person"
    assert len(links) >= len(candidates), "at least everyone seen where they were is linked"


def test_match_links_a_rare_name_alone_and_reviews_a_namesake(tmp_path: Path) -> None:
    # the same rule as the nightly run: it lives in the index, not in the command
    store = [
        {"external_id": "ats-1", "full_name": "Ottilie Brandauer"},
        {"external_id": "ats-2", "full_name": "Masashi Sano"},
        {"external_id": "ats-3", "full_name": "Masahiro Sano"},
        {"external_id": "ats-4", "full_name": "M. Sano"},
        *({"external_id": f"c-{i}", "full_name": f"Hugo Falk{i}"} for i in range(3000)),
    ]
    cands = write_jsonl(tmp_path / "c.jsonl", store)
    profs = write_jsonl(
        tmp_path / "p.jsonl",
        [
            {"profile_id": "p-1", "kind": "feed", "full_name": "Ottilie Brandauer"},
            {"profile_id": "p-2", "kind": "feed", "full_name": "Masashi Sano"},
        ],
    )
    result = CliRunner().invoke(
        cli, ["match", "--candidates", str(cands), "--profiles", str(profs)]
    )
    assert result.exit_code == 0, result.output
    rare, namesake = (json.loads(line) for line in result.output.splitlines())
    assert rare["decision"] == "link" and rare["candidate_id"] == "ats-1"
    assert any(r.startswith("rare full name") for r in rare["reasons"])
    assert namesake["decision"] == "review" and namesake["candidate_id"] is None
