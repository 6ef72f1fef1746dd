"""Résumé sections of a personal page (crawler/parsers/_timeline.py): what they give, and the
sections that must give nothing. The real documents are in the golden tests
(tests/fixtures/resume_sections); these pin the edges, with pages written for the test."""

from __future__ import annotations

from parser_golden import html

from crawler.parsers import website
from crawler.parsers._timeline import _dates
from enrichment.dates import PartialDate


def _one(body: str, **context: str) -> dict:
    records = website.parse(html(body, **context))
    assert len(records) == 1, records
    return records[0].to_dict()


def test_date_ranges_in_four_languages() -> None:
    cases = {
        "Jan 2019 – Present": (PartialDate(2019, 1), None),
        "2015 - 2017": (PartialDate(2015), PartialDate(2017)),
        "Aug 2023 - jetzt": (PartialDate(2023, 8), None),
        "seit März 2020": (PartialDate(2020, 3), None),
        "septembre 2018 - aujourd'hui": (PartialDate(2018, 9), None),
        "enero 2019 - actualidad": (PartialDate(2019, 1), None),
        "Jan – Jun 2021": (PartialDate(2021, 1), PartialDate(2021, 6)),
        "June 2022 and onwards": (PartialDate(2022, 6), None),
        "03/2019 - 11/2021": (PartialDate(2019, 3), PartialDate(2021, 11)),
    }
    for text, (start, end) in cases.items():
        found = _dates(text)
        assert found is not None, text
        assert (found.start, found.end) == (start, end), text
    assert _dates("We grew 2000 customers in May") is None or _dates("Marketing") is None
    assert _dates("2021 - 2019") is None  # an end before its start is not a range


def test_sections_with_dated_items_give_jobs_schools_and_skills() -> None:
    record = _one(
        """<h1>Ana Souza</h1>
        <h2>Experiencia laboral</h2>
        <ul><li><strong>Desarrolladora Backend</strong> en Globant — 2021 - actualidad</li>
            <li><strong>Analista de Datos</strong>, Banco Itaú (2018 - 2021)</li></ul>
        <h2>Formación</h2>
        <p>Licenciatura en Informática, Universidad de Buenos Aires, 2013 - 2017</p>
        <h2>Habilidades</h2><ul><li>Python</li><li>Go</li><li>PostgreSQL</li></ul>"""
    )
    jobs = [(p["title"], p["company"], p["start"], p["end"]) for p in record["positions"]]
    assert jobs == [
        ("Desarrolladora Backend", "Globant", "2021", None),
        ("Analista de Datos", "Banco Itaú", "2018", "2021"),
    ]
    assert [
        (e["institution"], e["degree"], e["area"], e["start"], e["end"])
        for e in record["education"]
    ] == [("Universidad de Buenos Aires", "Licenciatura", "Informática", "2013", "2017")]
    assert record["skills"] == ["Python", "Go", "PostgreSQL"]


def test_undated_or_untitled_items_give_nothing() -> None:
    # an "Experience" heading over marketing copy, a list of projects with years but no job
    # title, and a skills section of sentences: nothing is a fact
    records = website.parse(
        html(
            """<h1>Northwind Robotics</h1>
            <h2>Experience</h2>
            <p>We bring twenty years of experience to every project we deliver.</p>
            <ul><li>Warehouse robot for Acme, 2019</li><li>Drone survey, 2020 - 2021</li></ul>
            <h2>Skills</h2><p>We listen carefully. We build carefully.</p>""",
            full_name="Northwind Robotics",
        )
    )
    assert records == [] or not any(r.positions or r.education for r in records)


def test_a_page_naming_nobody_is_the_target_only_with_dated_facts() -> None:
    page = """<h2>Work Experience</h2>
        <p><strong>Staff Engineer</strong> @ Initech <em>(Mar 2020 - Present)</em></p>"""
    assert website.parse(html(page)) == []  # no name anywhere, none given
    record = _one(page, full_name="Priya Raman")
    assert record["full_name"] == "Priya Raman"
    assert [(p["title"], p["company"], p["start"]) for p in record["positions"]] == [
        ("Staff Engineer", "Initech", "2020-03")
    ]
    # skills alone do not make a page the target's
    assert (
        website.parse(
            html("<h2>Skills</h2><ul><li>Go</li><li>Rust</li></ul>", full_name="Priya Raman")
        )
        == []
    )


def test_interests_and_spoken_languages_are_not_skills() -> None:
    record = _one(
        """<h1>Jonas Weber</h1>
        <h2>Fähigkeiten &amp; Kenntnisse</h2>
        <h3>Programmiersprachen</h3><ul><li>Kotlin</li><li>TypeScript</li></ul>
        <h3>Fremdsprachen</h3><ul><li>Englisch</li><li>Französisch</li></ul>
        <h3>Interessen</h3><ul><li>Klettern</li><li>Fotografie</li></ul>
        <h2>Berufserfahrung</h2>
        <h3>Software Engineer | SAP SE</h3><p><em>Januar 2020 - Heute</em></p>"""
    )
    assert record["skills"] == ["Kotlin", "TypeScript"]
    assert [(p["title"], p["company"], p["start"], p["end"]) for p in record["positions"]] == [
        ("Software Engineer", "SAP SE", "2020-01", None)
    ]


def test_a_theme_s_education_list_with_internships_labels_and_gauges() -> None:
    record = _one(
        """<ul><li><span class="title">first name :</span> <span>Asha</span></li>
        <li><span class="title">last name :</span> <span>Verma</span></li></ul>
        <h3>My Skills &amp; Tools</h3>
        <div><div class="bar"></div><h6>python</h6></div>
        <div><div class="bar"></div><h6>sql</h6></div>
        <div><div class="bar"></div><h6>excel</h6></div>
        <h3>Education</h3>
        <ul><li><span>2019</span><h5>HSC <span>CBSE</span></h5><p>Delhi Public School</p></li>
            <li><span>10 Jan - 30 Apr 2022</span><h5>Internship <span>Zoho</span></h5>
                <p>Work As a Data Analyst</p></li></ul>"""
    )
    assert record["full_name"] == "Asha Verma"
    assert record["skills"] == ["python", "sql", "excel"]
    assert [(p["title"], p["company"], p["start"], p["end"]) for p in record["positions"]] == [
        ("Data Analyst", "Zoho", "2022-01-10", "2022-04-30")
    ]
    assert [(e["institution"], e["end"]) for e in record["education"]] == [
        ("Delhi Public School", "2019")
    ]
