"""The self-description grammar of about pages (``crawler.parsers._selfdesc``), on sentences
written for the test: each shape once, and what it must not read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.parsers import _selfdesc, website
from crawler.parsers._document import Document


def _page(body: str, context: dict[str, str] | None = None) -> Document:
    return Document(
        url="https://person.example/about/",
        body=f"<html><body>{body}</body></html>".encode(),
        fetched_at=datetime(2026, 11, 26, 2, 14, 9, tzinfo=UTC),
        content_type="text/html",
        context=context or {},
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Working as a web developer at Acme Labs in Berlin since 2022/10.",
            [("web developer", "Acme Labs", "2022-10", None, "Berlin")],
        ),
        (
            "Worked as a web developer at Foo Digital from 2019/3 - 2022/3.",
            [("web developer", "Foo Digital", "2019-03", "2022-03", None)],
        ),
        ("Worked as a web developer at Foo Digital.", []),  # past, no end: not a position
        (
            "Seit 2019 arbeite ich als Softwareentwickler bei Beispiel GmbH.",
            [("Softwareentwickler", "Beispiel GmbH", "2019", None, None)],
        ),
        (
            "Actuellement, je travaille comme développeuse chez Exemple.",
            [("développeuse", "Exemple", None, None, None)],
        ),
        (
            "Soy un desarrollador Backend viviendo en Rosario, con foco en Python.",
            [
                ("desarrollador Backend", None, None, None, "Rosario"),
            ],
        ),
        (
            "I'm a passionate Software Engineer at Acme.",
            [("Software Engineer", "Acme", None, None, None)],
        ),
        ("I am a huge fan of automated tests.", []),  # no job noun: no title
        (
            "Zuletzt engagierte ich mich als Beisitzer im Landesvorstand Beispiel"
            " (05/2025 bis 11/2025).",
            [("Beisitzer", "Landesvorstand Beispiel", "2025-05", "2025-11", None)],
        ),
    ],
)
def test_job_clauses(sentence: str, expected: list[tuple[str | None, ...]]) -> None:
    found = [(j.title, j.company, j.start, j.end, j.place) for j in _selfdesc.job_clauses(sentence)]
    assert found == expected


def test_apposition_with_two_titles() -> None:
    jobs = _selfdesc.appositions("Développeuse full-stack et apprentie ingénieure, j'aime le code.")
    assert [j.title for j in jobs] == ["Développeuse full-stack", "apprentie ingénieure"]


def test_education_sentences_and_labels() -> None:
    schools = _selfdesc.education(
        [
            "Earned a Bachelor of Science degree in Media Informatics.",
            "2020 beendete ich mein Masterstudium der Physik an der Universität Beispielstadt.",
            "Ausbildung: Mechatronik (Associate)",
        ]
    )
    assert [(s.institution, s.degree, s.area, s.end) for s in schools] == [
        (None, "Bachelor of Science", "Media Informatics", None),
        ("Universität Beispielstadt", "Master", "Physik", "2020"),
        (None, "Associate", "Mechatronik", None),
    ]


def test_tagline_and_places() -> None:
    assert _selfdesc.tagline(["Ana // 30 // Porto // Softwareentwicklerin"]) == (
        "Softwareentwicklerin",
        "Porto",
    )
    assert _selfdesc.places(["Je suis basée à Lyon et je travaille à distance."]) == {"Lyon"}


def test_dates() -> None:
    assert [_selfdesc.iso_date(d) for d in ("2022/10", "3/2019", "März 2019", "2019", "now")] == [
        "2022-10",
        "2019-03",
        "2019-03",
        "2019",
        None,
    ]


def test_a_page_naming_nobody_is_the_contexts_person() -> None:
    doc = _page(
        "<h1>About</h1><p>Working as a data engineer at Example Corp since 2021.</p>",
        {"full_name": "Jo Example"},
    )
    (record,) = website.parse(doc)
    assert record.full_name == "Jo Example"
    assert [(p.title, p.company, str(p.start)) for p in record.positions] == [
        ("data engineer", "Example Corp", "2021")
    ]


def test_a_page_with_no_career_fact_yields_nothing_even_with_a_context_name() -> None:
    doc = _page(
        "<h1>About</h1><p>This blog is about my tests and tinkering.</p>",
        {"full_name": "Jo Example"},
    )
    assert website.parse(doc) == []


def test_two_titles_alone_in_two_sentences_give_no_job() -> None:
    doc = _page(
        "<p>Je suis développeur web. Today I'm a product engineer.</p>", {"full_name": "Jo Example"}
    )
    assert website.parse(doc) == []
