"""Websites: schema.org in any language and syntax, Role shapes, microformats, the plain-page
fallback (sure or silent), and malformed pages."""

from __future__ import annotations

import pytest
from parser_golden import document, html

from crawler.parsers import website
from enrichment.dates import PartialDate
from enrichment.errors import SourceError

GERMAN_JSONLD = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Über mich – Jürgen Müller</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Person", "name": "Jürgen Müller",
 "jobTitle": "Leitender Softwareentwickler",
 "worksFor": {"@type": "Organization", "name": "Müller & Söhne GmbH"},
 "address": {"@type": "PostalAddress", "addressLocality": "München", "addressCountry": "DE"},
 "alumniOf": {"@type": "CollegeOrUniversity", "name": "Technische Universität München"},
 "knowsAbout": ["Python", "Datenbanken"]}
</script></head><body><h1>Willkommen auf meiner Seite</h1>
<p>Ich arbeite seit vielen Jahren in der Softwareentwicklung.</p></body></html>"""

FRENCH_MICRODATA = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Profil</title></head><body>
<div itemscope itemtype="https://schema.org/Person">
  <h1 itemprop="name">Élodie Lefèvre</h1>
  <p>Je travaille comme <span itemprop="jobTitle">Directrice technique</span> chez
  <span itemprop="worksFor" itemscope itemtype="https://schema.org/Organization">
    <span itemprop="name">Société Générale des Logiciels</span></span>.</p>
  <p itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
    <span itemprop="addressLocality">Lyon</span>, <span itemprop="addressCountry">FR</span></p>
</div></body></html>"""

SPANISH_RDFA = """<!DOCTYPE html><html lang="es"><head><meta charset="utf-8">
<title>Sobre mí</title></head><body vocab="https://schema.org/">
<div typeof="Person">
  <h1 property="name">José Ángel Núñez</h1>
  <p>Trabajo como <span property="jobTitle">Ingeniero de datos sénior</span> en
  <span property="worksFor" typeof="Organization">
    <span property="name">Telefónica</span></span>.</p>
</div></body></html>"""


@pytest.mark.parametrize(
    ("page", "name", "title", "company"),
    [
        (GERMAN_JSONLD, "Jürgen Müller", "Leitender Softwareentwickler", "Müller & Söhne GmbH"),
        (
            FRENCH_MICRODATA,
            "Élodie Lefèvre",
            "Directrice technique",
            "Société Générale des Logiciels",
        ),
        (SPANISH_RDFA, "José Ángel Núñez", "Ingeniero de datos sénior", "Telefónica"),
    ],
    ids=["de-jsonld", "fr-microdata", "es-rdfa"],
)
def test_markup_is_read_in_any_language(page: str, name: str, title: str, company: str) -> None:
    (record,) = website.parse(html(page))
    assert record.full_name == name
    (job,) = record.positions
    assert (job.title, job.company, job.is_current) == (title, company, True)


def test_german_page_details() -> None:
    (record,) = website.parse(html(GERMAN_JSONLD))
    assert record.location == "München, DE"
    assert record.skills == ("Python", "Datenbanken")
    assert record.education[0].institution == "Technische Universität München"


def test_defined_term_job_title_is_its_name() -> None:
    doc = document("schemaorg_person/schemaorg_eg-0276_jsonld.html", "https://person.example/")
    (record,) = website.parse(doc)
    assert record.positions[0].title == "Aid worker/humanitarian worker"


def test_works_for_as_an_organization_role_with_dates() -> None:
    page = """<script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "Person", "name": "Ada King",
     "sameAs": ["https://github.com/adal", "https://orcid.org/0000-0002-1825-0097"],
     "worksFor": [
       {"@type": "OrganizationRole", "roleName": "Senior Software Engineer",
        "startDate": "2025-01", "worksFor": {"@type": "Organization", "name": "Acme Ltd"}},
       {"@type": "OrganizationRole", "roleName": "Software Engineer", "startDate": "2019-03",
        "endDate": "2024-12", "worksFor": {"@type": "Organization", "name": "Acme Ltd"}}]}
    </script>"""
    (record,) = website.parse(html(page))
    assert [(p.title, p.start, p.end) for p in record.positions] == [
        ("Senior Software Engineer", PartialDate(2025, 1), None),
        ("Software Engineer", PartialDate(2019, 3), PartialDate(2024, 12)),
    ]
    assert record.identifiers["github"] == "adal"
    assert record.identifiers["orcid"] == "0000-0002-1825-0097"
    assert record.excerpt == "Senior Software Engineer, Acme Ltd, 2025-01"


def test_a_classic_vcard_keeps_its_title() -> None:
    page = """<div class="vcard"><span class="fn">Ana Ruiz</span>
    <span class="title">Ingeniera</span> <span class="org">Acme</span></div>"""
    (record,) = website.parse(html(page))
    assert (record.full_name, record.positions[0].title, record.positions[0].company) == (
        "Ana Ruiz",
        "Ingeniera",
        "Acme",
    )


def test_of_several_h_cards_only_the_representative_one() -> None:
    page = """<div class="h-card">
    <a class="p-name u-url" href="https://person.example/">Ana Ruiz</a>
    <span class="p-job-title">Ingeniera</span></div>
    <div class="h-card"><span class="p-name">Commenter Person</span></div>"""
    records = website.parse(html(page))
    assert [r.full_name for r in records] == ["Ana Ruiz"]
    many = page.replace('href="https://person.example/"', 'href="https://other.example/"')
    assert website.parse(html(many)) == []


def test_a_plain_about_page_gives_what_is_sure() -> None:
    page = """<html><head><title>About</title></head><body><nav>Home · Blog</nav>
    <h1>Jane Example</h1>
    <p>Hello! I am a Senior Engineer at Acme Corp. I like cats.</p></body></html>"""
    (record,) = website.parse(html(page))
    assert record.full_name == "Jane Example"
    (job,) = record.positions
    assert (job.title, job.company) == ("Senior Engineer", "Acme Corp")
    assert record.excerpt == "I am a Senior Engineer at Acme Corp."


@pytest.mark.parametrize(
    "page",
    [
        "<h1>Jürgen Müller</h1><p>Ich bin Softwareentwickler bei Siemens Healthineers.</p>",
        "<h1>Élodie Lefèvre</h1><p>Je suis Directrice technique chez Ubisoft.</p>",
        "<h1>José Núñez</h1><p>Soy Ingeniero de datos en Telefónica.</p>",
    ],
)
def test_plain_pages_in_other_languages(page: str) -> None:
    (record,) = website.parse(html(page))
    assert len(record.positions) == 1


def test_two_jobs_each_with_its_employer_are_both_read() -> None:
    # Two sentences each giving a title at an employer are two jobs (the self-description
    # grammar); what stays ambiguous is two titles alone, in two sentences (next test).
    page = "<h1>Jane Example</h1><p>I am a Senior Engineer at Acme. I am a Board Member at Foo.</p>"
    (record,) = website.parse(html(page))
    assert {(p.title, p.company) for p in record.positions} == {
        ("Senior Engineer", "Acme"),
        ("Board Member", "Foo"),
    }


def test_two_titles_alone_in_two_sentences_are_ambiguous() -> None:
    page = "<h1>Jane Example</h1><p>I am a senior engineer. Today I am a product manager.</p>"
    (record,) = website.parse(html(page))
    assert record.positions == ()


@pytest.mark.parametrize(
    "page",
    [
        "<h1>Welcome to my blog 2024</h1><p>I am a Senior Engineer at Acme.</p>",
        "<h1>Jane Example</h1><h1>John Other</h1><p>I am a Senior Engineer at Acme.</p>",
        "<p>I am a Senior Engineer at Acme.</p>",
    ],
    ids=["not-a-name", "two-names", "no-heading"],
)
def test_no_clear_name_no_record(page: str) -> None:
    assert website.parse(html(page)) == []


def test_open_graph_profile_names() -> None:
    page = """<head><meta property="og:type" content="profile">
    <meta property="profile:first_name" content="Grace">
    <meta property="profile:last_name" content="Hopper">
    </head><body><h1>My projects</h1><h1>Talks</h1></body>"""
    (record,) = website.parse(html(page))
    assert record.full_name == "Grace Hopper"


@pytest.mark.parametrize("body", ["", "   ", "just some text, no markup"])
def test_empty_or_non_html_pages_raise(body: str) -> None:
    with pytest.raises(SourceError, match=r"person\.example"):
        website.parse(html(body))


def test_broken_json_ld_does_not_break_the_page() -> None:
    page = """<script type="application/ld+json">{"@type": "Person", "name": </script>
    <div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana Ruiz</span>
    <span itemprop="jobTitle">Ingeniera</span></div>"""
    (record,) = website.parse(html(page))
    assert (record.full_name, record.positions[0].title) == ("Ana Ruiz", "Ingeniera")


def test_job_title_at_employer_merges_with_its_dated_role() -> None:
    page = """<script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": {
      "@type": "Person", "name": "Ada Quill", "jobTitle": "Senior Software Engineer",
      "worksFor": {"@type": "Organization", "name": "Acme Analytics Ltd"},
      "hasOccupation": [
        {"@type": "Role", "roleName": "Senior Software Engineer", "startDate": "2025-01",
         "hasOccupation": {"@type": "Occupation", "name": "Software engineer"}},
        {"@type": "Role", "roleName": "Software Engineer", "startDate": "2019-03",
         "endDate": "2024-12",
         "hasOccupation": {"@type": "Occupation", "name": "Software engineer"}}
      ]}}
    </script>"""
    (record,) = website.parse(html(page))
    assert [(p.title, p.company, p.start, p.end) for p in record.positions] == [
        ("Senior Software Engineer", "Acme Analytics Ltd", PartialDate(2025, 1), None),
        ("Software Engineer", None, PartialDate(2019, 3), PartialDate(2024, 12)),
    ]
