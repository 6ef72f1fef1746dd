"""Team pages: where the company comes from, and the common shapes of a team listing."""

from __future__ import annotations

import pytest
from parser_golden import document, html

from crawler.parsers import team_page
from enrichment.errors import SourceError

CHOCOLATEY = "appointments/chocolatey.org_about_team-section.html"
URL = "https://acme.example/team"


def people(records: list) -> list[tuple[str, str | None, str | None]]:
    return [(r.full_name, r.positions[0].title, r.positions[0].company) for r in records]


def test_the_source_row_names_the_company() -> None:
    doc = document(
        CHOCOLATEY, "https://chocolatey.org/about", context={"company": "Chocolatey Software, Inc."}
    )
    records = team_page.parse(doc)
    assert len(records) == 8
    assert {r.positions[0].company for r in records} == {"Chocolatey Software, Inc."}


def test_the_page_title_names_the_company_otherwise() -> None:
    records = team_page.parse(document(CHOCOLATEY, "https://chocolatey.org/about"))
    assert (
        records[0].positions[0].company == "Chocolatey"
    )  # "About Chocolatey Software | Chocolatey"
    assert records[4].full_name == "Stephanie Hays"  # as the card says (the link says Burrows)
    assert all(r.profile_id.startswith("team_page:https://chocolatey.org/about#") for r in records)
    assert all(r.positions[0].is_current for r in records)


def test_og_site_name_before_the_title() -> None:
    page = """<head><title>Team | Something</title>
    <meta property="og:site_name" content="Acme Corp"></head>
    <body><div class="person"><h3>Jane Doe</h3><p>Chief Executive Officer</p></div></body>"""
    assert people(team_page.parse(html(page, URL))) == [
        ("Jane Doe", "Chief Executive Officer", "Acme Corp")
    ]


def test_schema_org_person_list_and_organization() -> None:
    page = """<script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "Organization", "name": "Initech",
     "employee": [{"@type": "Person", "name": "Bill Lumbergh", "jobTitle": "Vice President"},
                  {"@type": "Person", "name": "Peter Gibbons", "jobTitle": "Software Engineer"},
                  {"@type": "Person", "name": "Milton Waddams"}]}
    </script>"""
    assert people(team_page.parse(html(page, URL))) == [
        ("Bill Lumbergh", "Vice President", "Initech"),
        ("Peter Gibbons", "Software Engineer", "Initech"),
    ]


def test_tables_with_name_and_title_columns() -> None:
    page = """<title>Leadership — Globex</title><table>
    <tr><th>Name</th><th>Title</th></tr>
    <tr><td>Hank Scorpio</td><td>Chief Executive Officer</td></tr>
    <tr><td>Frank Grimes</td><td>Safety Inspector</td></tr></table>"""
    assert people(team_page.parse(html(page, URL))) == [
        ("Hank Scorpio", "Chief Executive Officer", "Globex"),
        ("Frank Grimes", "Safety Inspector", "Globex"),
    ]


def test_cards_with_marked_name_and_role_in_another_language() -> None:
    page = """<title>Unser Team - Beispiel GmbH</title>
    <section><h2>Unser Team</h2>
      <div class="member"><span class="member-name">Jürgen Müller</span>
        <span class="member-role">Geschäftsführer</span></div>
      <div class="member"><span class="member-name">Anna Schmidt</span>
        <span class="member-role">Leiterin Vertrieb</span></div></section>"""
    assert people(team_page.parse(html(page, URL))) == [
        ("Jürgen Müller", "Geschäftsführer", "Beispiel GmbH"),
        ("Anna Schmidt", "Leiterin Vertrieb", "Beispiel GmbH"),
    ]


def test_section_headings_are_not_people() -> None:
    page = "<h2>Our Team</h2><p>We are small.</p><h2>Meet Us</h2><p>Come by.</p>"
    assert team_page.parse(html(page, URL)) == []


def test_empty_page_raises() -> None:
    with pytest.raises(SourceError, match=r"acme\.example"):
        team_page.parse(html("", URL))


def test_a_name_wrapped_alone_still_finds_its_title() -> None:
    page = """<title>People - Hooli</title><ul>
    <li><div><h4>Gavin Belson</h4></div>
        <p class="muted">Chief Executive Officer</p></li>
    <li><div><h4>Nelson Bighetti</h4></div>
        <p class="muted">Head of Hooli XYZ</p></li></ul>"""
    assert people(team_page.parse(html(page, URL))) == [
        ("Gavin Belson", "Chief Executive Officer", "Hooli"),
        ("Nelson Bighetti", "Head of Hooli XYZ", "Hooli"),
    ]
