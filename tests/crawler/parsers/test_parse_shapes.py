"""The page shapes of issue 11, each on a small inline page: who is read, and that prose is not.

Real documents of these shapes are in ``test_parsers_golden``; these pin one rule each.
"""

from __future__ import annotations

import json

import pytest
from parser_golden import FETCHED_AT, html

from crawler.parsers import Document, feed, jsonresume, team_page, website
from crawler.parsers._changes import changes
from crawler.parsers._names import split_title
from enrichment.dates import PartialDate
from enrichment.errors import SourceError


def _people(records: list) -> list[tuple[str, str | None, str | None]]:
    return [(r.full_name, r.positions[0].title, r.positions[0].company) for r in records]


TEAM = "<html><head><title>Team | Acme</title></head><body>{}</body></html>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<div><h5>Łukasz Nowak</h5><h6>Chief Technology Officer</h6>"
            "<h5>Šárka Dvořák</h5><h6>Head of Design</h6></div>",
            [("Łukasz Nowak", "Chief Technology Officer"), ("Šárka Dvořák", "Head of Design")],
        ),
        (
            "<ul><li>Иван Петров, Software Engineer.</li><li>Пётр Иванов, Product Manager.</li>"
            "<li>Hello there, how are you.</li></ul>",
            [("Иван Петров", "Software Engineer"), ("Пётр Иванов", "Product Manager")],
        ),
        (
            "<dl><dt><a href=/a>Jane Roe</a></dt><dd>Chief Financial Officer</dd>"
            "<dt><a href=/b>John Doe</a></dt><dd>VP Sales</dd></dl>",
            [("Jane Roe", "Chief Financial Officer"), ("John Doe", "VP Sales")],
        ),
        (
            "<div><div><b>山田 太郎</b><br>Director</div>"
            "<div><b>王小明</b><br>Engineer</div></div>",
            [("山田 太郎", "Director"), ("王小明", "Engineer")],
        ),
    ],
)
def test_team_page_shapes(body: str, expected: list[tuple[str, str]]) -> None:
    records = team_page.parse(html(TEAM.format(body)))
    assert [(n, t) for n, t, _ in _people(records)] == expected
    assert {c for _, _, c in _people(records)} == {"Acme"}
    assert len({r.profile_id for r in records}) == len(records)


def test_two_cyrillic_names_keep_two_ids() -> None:
    body = "<ul><li>Иван Петров, Engineer</li><li>Пётр Сидоров, Engineer</li></ul>"
    ids = [r.profile_id for r in team_page.parse(html(TEAM.format(body)))]
    assert ids == [
        "team_page:https://person.example/#иван-петров",
        "team_page:https://person.example/#петр-сидоров",
    ]


def test_team_page_of_prose_has_nobody() -> None:
    body = "<p>We are a small company.</p><p>Our people love coffee.</p><p>Jane Roe, hello.</p>"
    assert team_page.parse(html(TEAM.format(body))) == []


def test_h_resume_with_h_event_experience() -> None:
    page = (
        '<div class="h-resume"><h1 class="p-name">Resume of Paul Smith</h1><ol>'
        '<li class="p-experience h-event"><h4 class="p-name">Senior Developer</h4>'
        '<span class="h-card p-location"><a href="https://x.example">Example Corp</a></span>'
        '<time class="dt-start" datetime="2019-03">Mar 2019</time> to '
        '<time class="dt-end" datetime="2021-06">Jun 2021</time></li>'
        '<li class="p-experience h-event"><span class="p-name">Intern</span>'
        '<div class="h-card"><span class="p-name">Foo GmbH</span></div>'
        '<time class="dt-start">2017</time></li></ol></div>'
    )
    (record,) = website.parse(html(page))
    assert record.full_name == "Paul Smith"
    assert [(p.title, p.company, p.start, p.end) for p in record.positions] == [
        ("Senior Developer", "Example Corp", PartialDate(2019, 3), PartialDate(2021, 6)),
        ("Intern", "Foo GmbH", PartialDate(2017), None),
    ]


def test_h_card_org_holding_the_job_title_and_a_second_org() -> None:
    page = (
        '<div class="h-card"><span class="p-name">Jane Roe</span>. I work for '
        '<span class="p-org">Cloudflare as a <span class="p-job-title">Software Engineer</span>'
        '</span> and advise <span class="p-org">Acme Ltd</span>.</div>'
    )
    (record,) = website.parse(html(page))
    assert [(p.title, p.company) for p in record.positions] == [
        ("Software Engineer", "Cloudflare"),
        (None, "Acme Ltd"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "<p>Hi! I'm Paul, a DevOps Engineer. I like bikes.</p>",
            [("DevOps Engineer", None, None, None)],
        ),
        (
            "<ul><li>Co-founder at Foo Labs, 2014-now</li>"
            "<li>Software Engineer at Bar GmbH, 2010-2014</li></ul>",
            [
                ("Co-founder", "Foo Labs", PartialDate(2014), None),
                ("Software Engineer", "Bar GmbH", PartialDate(2010), PartialDate(2014)),
            ],
        ),
        (
            "<p>Ich bin Paul, Softwareentwickler bei Siemens.</p>",
            [("Softwareentwickler", "Siemens", None, None)],
        ),
        ("<p>I'm Paul, a cat person who loves long walks.</p>", []),
    ],
)
def test_plain_about_pages(text: str, expected: list) -> None:
    (record,) = website.parse(html(f"<html><body><h1>Paul Smith</h1>{text}</body></html>"))
    assert [(p.title, p.company, p.start, p.end) for p in record.positions] == expected


def test_grammar_plural_subjects_with_ages() -> None:
    sentence = (
        "Doug Petno, 61, and Troy Rohrbaugh, 56, Co-CEOs of the Commercial & Investment Bank "
        "('CIB'), have been elected Co-Presidents of the Firm, effective immediately."
    )
    found = changes(sentence)
    assert [(c.name, c.title, c.kind, c.immediately) for c in found] == [
        ("Doug Petno", "Co-President", "start", True),
        ("Troy Rohrbaugh", "Co-President", "start", True),
    ]


def test_grammar_resignation_notified_and_succession() -> None:
    (left,) = changes(
        "On March 3, 2024, Jane Smith notified the Company that she will resign as a member "
        "of the Board, effective March 31, 2024."
    )
    assert (left.name, left.title, left.kind, left.effective) == (
        "Jane Smith",
        "Member of the Board",
        "end",
        PartialDate(2024, 3, 31),
    )
    came, went = changes("Jane Doe succeeds John Smith as Chief Financial Officer.")
    assert (came.name, came.kind, went.name, went.kind) == (
        "Jane Doe",
        "start",
        "John Smith",
        "end",
    )
    assert changes("The weather was nice and Jane Doe was happy.") == []


def test_press_release_departure_is_an_end() -> None:
    body = (
        "Title: John Smith will retire as Chief Executive Officer\nPublished: 2024-05-01\n---\n"
        "Body.\n"
    )
    doc = Document("https://news.example/r", body.encode(), FETCHED_AT, "text/plain",
                   context={"company": "Acme"})  # fmt: skip
    (record,) = feed.parse(doc)
    (job,) = record.positions
    assert (record.full_name, job.title, job.company, job.start, job.end) == (
        "John Smith",
        "Chief Executive Officer",
        "Acme",
        None,
        PartialDate(2024, 5, 1),
    )


def test_json_resume_markup_in_fields_is_text() -> None:
    data = {
        "basics": {"name": "Jane Roe"},
        "education": [{"institution": '<a href="https://mit.edu">MIT</a>', "studyType": "BSc"}],
        "work": [{"name": "Foo &amp; Bar", "position": "<b>Engineer</b>"}],
    }
    (record,) = jsonresume.parse(
        Document("https://r.example/x", json.dumps(data).encode(), FETCHED_AT)
    )
    assert record.education[0].institution == "MIT"
    assert (record.positions[0].company, record.positions[0].title) == ("Foo & Bar", "Engineer")


@pytest.mark.parametrize(
    "page",
    [
        "<html><body>" + "<div>" * 50_000 + "Jane Roe" + "</div>" * 50_000 + "</body></html>",
        "<html><body><div "
        + " ".join(f'a{i}="x"' for i in range(20_000))
        + ">x</div></body></html>",
    ],
    ids=["50k-nested-divs", "20k-attributes"],
)
@pytest.mark.parametrize("parser", [website, team_page], ids=["website", "team_page"])
def test_pathological_pages_are_refused_quickly(page: str, parser: object) -> None:
    with pytest.raises(SourceError, match="not a readable page"):
        parser.parse(html(page))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Software Architekt, adcubum", ("Software Architekt", "adcubum")),
        ("Projektleiter Webstobe GmbH", ("Projektleiter", "Webstobe GmbH")),
        (
            "Founder und CEO Lowe IT Consulting Ltd., London",
            ("Founder und CEO", "Lowe IT Consulting Ltd."),
        ),
        ("Lehrgangsleiter, HTML/CSS, PHP, WordPress", ("Lehrgangsleiter", None)),
        (
            "Wissenschaftliche Fotografin Universität Zürich",
            ("Wissenschaftliche Fotografin", "Universität Zürich"),
        ),
        ("Büro für Gebrauchsgraphik", ("", "Büro für Gebrauchsgraphik")),
        ("株式会社Gisuco　代表取締役社長", ("代表取締役社長", "株式会社Gisuco")),
        # a title and a field, or a title alone, is kept whole
        ("Vice President Marketing", ("Vice President Marketing", None)),
        ("Director Product Management", ("Director Product Management", None)),
        ("Chief Executive Officer, Co-Founder", ("Chief Executive Officer, Co-Founder", None)),
        ("Head of Design", ("Head of Design", None)),
    ],
)  # fmt: skip
def test_title_line_naming_the_employer(line: str, expected: tuple[str, str | None]) -> None:
    assert split_title(line) == expected


def test_team_page_title_first_items_and_loose_titles_among_them() -> None:
    body = (
        "<ul><li><strong>President:</strong> Jane Roe</li><li><strong>Treasurer:</strong> "
        "John Doe</li><li><strong>Keeper of the Green:</strong> Ann Lee</li>"
        "<li><strong>Secretary:</strong> OPEN</li></ul>"
    )
    records = team_page.parse(html(TEAM.format(body)))
    assert [(n, t) for n, t, _ in _people(records)] == [
        ("Jane Roe", "President"),
        ("John Doe", "Treasurer"),
        ("Ann Lee", "Keeper of the Green"),
    ]
    # One loose title alone makes nobody: its siblings must read as name and title first.
    lone = "<ul><li><strong>Keeper of the Green:</strong> Ann Lee</li><li>Hello there</li></ul>"
    assert team_page.parse(html(TEAM.format(lone))) == []


def test_team_page_cjk_officer_card_with_the_name_twice() -> None:
    card = (
        '<li><div class="info"><p class="position_title">株式会社Foo　取締役</p>'
        '<div class="name_row"><h3 class="name">山田 太郎</h3><p class="name_en">Taro Yamada</p>'
        "</div></div></li>"
    )
    other = card.replace("山田 太郎", "佐藤 花子").replace("Taro Yamada", "Hanako Sato")
    records = team_page.parse(html(TEAM.format(f"<ul>{card}{other}</ul>")))
    assert _people(records) == [
        ("山田 太郎", "取締役", "株式会社Foo"),
        ("佐藤 花子", "取締役", "株式会社Foo"),
    ]


def test_grammar_several_changes_in_one_clause() -> None:
    found = changes(
        "Ross Gardler has stepped down as President after serving for three years and will now "
        "serve as Executive Vice President; Greg Stein has resigned from his posts as Vice "
        "Chairman and Treasurer to assume the newly-created role of Infrastructure Administrator"
    )
    assert [(c.name, c.title, c.kind) for c in found] == [
        ("Ross Gardler", "President", "end"),
        ("Ross Gardler", "Executive Vice President", "start"),
        ("Greg Stein", "Vice Chairman", "end"),
        ("Greg Stein", "Treasurer", "end"),
        ("Greg Stein", "Infrastructure Administrator", "start"),
    ]


def test_grammar_predecessor_with_the_date_he_started() -> None:
    _, went = changes("Ann Lee succeeds Bob Stone, who has served as Chairman since June 2013.")
    assert (went.name, went.title, went.kind, went.since) == (
        "Bob Stone",
        "Chairman",
        "end",
        PartialDate(2013, 6),
    )
    (left,) = changes("Mary Poe informed Foo Widgets, Inc. that she will resign as a Director.")
    assert (left.name, left.kind) == ("Mary Poe", "end")


def test_press_release_with_yaml_front_matter_and_an_html_body() -> None:
    page = (
        "---\nlayout: post\npublished: true\ntitle: Foo Welcomes Ann Lee as Chair\n"
        "date: '2017-08-17 13:50:24 -0400'\ntags:\n- foo\n---\n"
        "<p>At yesterday's meeting, Ann Lee was named Chair of the FF. Lee succeeds Bob Stone, "
        "who has served as FF Chair since June 2013.</p><p>Ann Lee said hello.</p>"
    )
    doc = Document("https://news.example/p", page.encode(), FETCHED_AT, "text/html",
                   context={"company": "Foo Foundation"})  # fmt: skip
    records = feed.parse(doc)
    assert [
        (r.full_name, [(p.title, p.company, p.start, p.end) for p in r.positions]) for r in records
    ] == [
        ("Ann Lee", [("Chair", "Foo Foundation", PartialDate(2017, 8, 17), None)]),
        (
            "Bob Stone",
            [("Chair", "Foo Foundation", PartialDate(2013, 6), PartialDate(2017, 8, 17))],
        ),
    ]


def test_h_resume_experience_listed_as_title_at_company_lines() -> None:
    page = (
        '<div class="h-resume"><h1 class="p-name">Ann Lee</h1>'
        '<div class="p-experience h-event"><h4>Earlier Roles</h4>'
        '<time class="dt-start" datetime="2008-09">2008</time> – <time class="dt-end">2010</time>'
        "<p><em>Ruby Developer</em> at CubeTree &middot; <em>Web Developer</em> at CBS (TV.com)</p>"
        '</div><a href="https://github.com/annlee">GitHub</a></div>'
    )
    (record,) = website.parse(html(page))
    assert [(p.title, p.company, p.start) for p in record.positions] == [
        ("Ruby Developer", "CubeTree", None),
        ("Web Developer", "CBS", None),
    ]
    assert record.identifiers.get("github") == "annlee"


def test_team_page_dl_of_roles_and_linked_names_and_a_dated_news_card() -> None:
    page = (
        "<title>Course</title><dl><dt><h4>Instructor</h4></dt>"
        '<dd><strong><a href="https://a.example/">Ann Lee</a></strong></dd>'
        "<dd><b>Email: </b>ann@example.invalid</dd><dt><h5>TA</h5></dt>"
        '<dd><a href="https://b.example/">Bob Stone</a></dd><dd>Office Hours: Tuesdays</dd></dl>'
        '<div class="card"><h3>Latest Announcements</h3><ul><li>08/15: Syllabus updated</li>'
        "</ul></div>"
    )
    records = team_page.parse(html(page, company="Foo University"))
    assert [(r.full_name, [(p.title, p.company) for p in r.positions]) for r in records] == [
        ("Ann Lee", [("Instructor", "Foo University")]),
        ("Bob Stone", [("TA", "Foo University")]),
    ]


def test_h_card_org_named_twice_and_a_rel_me_mail_address() -> None:
    page = (
        '<div class="h-card"><p>Hi, I am <span class="p-name">Ann Lee</span>, co-founder of '
        '<a class="p-org h-card" href="https://foo.example/">Foo</a>.</p><ul>'
        '<li class="p-org h-card"><a class="u-url" href="https://foo.example/">'
        '<span class="p-name">Foo</span></a> <a class="p-role">Founder</a></li>'
        '<li class="p-org h-card"><span class="p-name">Bar</span> <span class="p-role">Editor'
        '</span></li></ul></div><a href="mailto:ann@example.invalid" rel="me">mail</a>'
    )
    (record,) = website.parse(html(page))
    assert [(p.title, p.company) for p in record.positions] == [
        ("Founder", "Foo"),
        ("Editor", "Bar"),
    ]
    assert record.emails == ("ann@example.invalid",)


def test_team_page_dl_of_facts_names_no_organisation_as_a_person() -> None:
    page = (
        "<dl><dt>Title</dt><dd>Swimming in rough water</dd><dt>Host institution</dt>"
        '<dd><a href="https://u.example/">Ecole Centrale</a></dd><dt>Principal investigator</dt>'
        '<dd><a href="https://u.example/~ann">Ann Lee</a></dd><dt>Dates</dt><dd>2019-2024</dd></dl>'
    )
    records = team_page.parse(html(page))
    assert [(r.full_name, [p.title for p in r.positions]) for r in records] == [
        ("Ann Lee", ["Principal investigator"]),
    ]


def test_classic_hresume_named_x_s_resume_beside_a_json_ld_person() -> None:
    page = (
        '<script type="application/ld+json">{"@context": "https://schema.org/", "@type": '
        '"Person", "name": "Ann Lee", "jobTitle": "Engineer", "worksFor": {"@type": '
        '"Organization", "name": "Foo, Inc"}}</script>'
        '<div class="hresume"><div class="contact vcard"><h1 class="fn n">'
        '<span class="given-name">Ann</span> <span class="family-name">Lee</span>'
        "<span>'s Resume</span></h1></div>"
        '<div class="experience vevent vcard"><span class="title">Staff Engineer</span>'
        '<span class="org">Foo / Bar</span><abbr class="dtstart" title="2023-08-01">Aug 2023</abbr>'
        '<abbr class="dtend" title="2025-02-31">Present</abbr>'
        '<abbr class="dtstart" title="2022-04-01">April 2022</abbr>'
        '<abbr class="dtend" title="2023-07-31">July 2023</abbr></div>'
        '<div class="experience vevent vcard"><span class="title">Founder</span>'
        '<span class="org">Baz (baz.example)</span><abbr class="dtstart" title="2010-10-01">'
        'Oct 2010</abbr> - <abbr class="dtend" title="2012-01-01">Jan 2012</abbr></div>'
        '<div class="education vevent vcard"><span class="summary">BA Computer Science</span>'
        '<span class="org">Qux University</span></div></div>'
    )
    (record,) = website.parse(html(page))
    assert record.full_name == "Ann Lee"
    assert [(p.title, p.company, p.start, p.end) for p in record.positions] == [
        ("Staff Engineer", "Foo / Bar", PartialDate(2022, 4, 1), None),
        ("Founder", "Baz", PartialDate(2010, 10, 1), PartialDate(2012, 1, 1)),
    ]
    assert [(e.institution, e.degree, e.area) for e in record.education] == [
        ("Qux University", "BA", "Computer Science")
    ]
