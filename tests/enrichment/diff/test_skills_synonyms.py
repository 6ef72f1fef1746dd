"""Skills compared by meaning: the synonym table, case and punctuation (``enrichment.skills``)."""

from __future__ import annotations

import pytest

from enrichment.skills import (
    SYNONYMS,
    coverage,
    display_skill,
    new_skills,
    skill_key,
    skill_keys,
    split_skills,
)

SAME = [
    ("JS", "JavaScript"),
    ("javascript", "Javascript"),
    ("k8s", "Kubernetes"),
    ("Postgres", "PostgreSQL"),
    ("postgresql", "psql"),
    ("golang", "Go"),
    ("ML", "machine learning"),
    ("Machine-Learning", "ml"),
    ("node", "Node.js"),
    ("NodeJS", "node.js"),
    ("C#", "csharp"),
    ("c sharp", "C#"),
    (".NET", "dotnet"),
    ("TS", "TypeScript"),
    ("AWS", "Amazon Web Services"),
    ("Amazon Web Services (AWS)", "aws"),
    ("GCP", "Google Cloud Platform"),
    ("React", "React.js"),
    ("ReactJS", "react"),
    ("C++", "cpp"),
    ("CI/CD", "ci-cd"),
    ("Ruby on Rails", "rails"),
    ("Some Tool", "some-tool"),  # unknown skills still match across case and punctuation
]

DIFFERENT = [
    ("Java", "JavaScript"),
    ("C", "C++"),
    ("C", "C#"),
    ("React", "React Native"),
    ("Go", "Rust"),
    (".NET", "Node.js"),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[f"{a}={b}" for a, b in SAME])
def test_synonyms_share_a_key(a: str, b: str) -> None:
    assert skill_key(a) == skill_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT, ids=[f"{a}!={b}" for a, b in DIFFERENT])
def test_different_skills_differ(a: str, b: str) -> None:
    assert skill_key(a) != skill_key(b)


def test_every_alias_in_the_table_resolves_to_its_own_name() -> None:
    # two names sharing an alias would resolve one of them to the other
    for name, aliases in SYNONYMS.items():
        for alias in (name, *aliases):
            assert skill_key(alias) == skill_key(name), alias


@pytest.mark.parametrize(
    ("entry", "parts"),
    [
        ("Javascript / Typescript", ["Javascript", "Typescript"]),
        ("SCSS / CSS / BEM / Styled Components", ["SCSS", "CSS", "BEM", "Styled Components"]),
        ("HTML, CSS; Sass", ["HTML", "CSS", "Sass"]),
        ("CI/CD", ["CI/CD"]),
        ("TCP/IP", ["TCP/IP"]),
        ("  Python  ", ["Python"]),
        ("", []),
    ],
)
def test_compound_entries_are_split(entry: str, parts: list[str]) -> None:
    assert split_skills(entry) == parts


def test_display_names() -> None:
    assert display_skill("k8s") == "Kubernetes"
    assert display_skill("postgres") == "PostgreSQL"
    assert display_skill("Caching") == "Caching"


def test_new_skills_by_meaning_in_first_seen_order() -> None:
    known = ["python", "JS", "Postgres"]
    found = ["Python", "k8s", "JavaScript / TypeScript", "Kubernetes", "PostgreSQL", "Rust"]
    assert new_skills(known, found) == ["Kubernetes", "TypeScript", "Rust"]


def test_coverage() -> None:
    assert coverage(["JS", "k8s"], ["JavaScript", "Kubernetes", "Go"]) == (
        ["JavaScript", "Kubernetes"],
        ["Go"],
    )
    assert skill_keys(["React / Next"]) == {"react", "nextjs"}
