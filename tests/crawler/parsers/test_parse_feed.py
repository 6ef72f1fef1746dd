"""Feeds: announcement forms in RSS and Atom, press releases, and the SEC EDGAR chain
(Latest Filings feed → filing index → Form 8-K, Item 5.02)."""

from __future__ import annotations

import pytest
from parser_golden import FETCHED_AT, document

from crawler.parsers import Document, feed
from enrichment.dates import PartialDate
from enrichment.errors import SourceError

EDGAR_FEED = "appointments/edgartools_sec-edgar-getcurrent-atom_2025-12-12_start3400.xml"
EDGAR_URL = "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&output=atom"

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Acme News</title>
<item><title>Jane Q. Doe joins Acme Corp as Chief Technology Officer</title>
  <link>https://news.example/1</link><pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate></item>
<item><title>Globex appoints Hank Scorpio as Chief Executive Officer</title>
  <link>https://news.example/2</link><pubDate>Wed, 05 Mar 2025 09:00:00 GMT</pubDate></item>
<item><title>Maria Lopez named Vice President of Sales at Initech</title>
  <link>https://news.example/3</link><pubDate>Thu, 06 Mar 2025 09:00:00 GMT</pubDate></item>
<item><title>Bob Smith promoted to Senior Director of Engineering</title>
  <link>https://news.example/4</link><pubDate>Fri, 07 Mar 2025 09:00:00 GMT</pubDate></item>
<item><title>Quarterly results beat expectations</title>
  <description>&lt;p&gt;Revenue grew. Ana Ruiz has joined Globex as its Head of Data.&lt;/p&gt;
  </description>
  <link>https://news.example/5</link><pubDate>Sat, 08 Mar 2025 09:00:00 GMT</pubDate></item>
<item><title>Our team is growing and we are hiring engineers</title>
  <link>https://news.example/6</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><title type="html">Ana Ruiz joins Initrode as Staff Engineer</title>
  <link rel="alternate" href="https://blog.example/ana"/><published>2024-11-02T10:00:00Z</published>
  <summary>Welcome!</summary></entry>
</feed>"""

INDEX = """<html><head><title>EDGAR Filing Documents for 0001193125-25-316894</title></head><body>
<div id="formName"><strong>Form 8-K</strong> - Current report</div>
<table class="tableFile" summary="Document Format Files">
<tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th>
    <th scope="col">Type</th><th scope="col">Size</th></tr>
<tr><td>1</td><td>8-K</td>
    <td><a href="/ix?doc=/Archives/edgar/data/836147/000119312525316894/d12345d8k.htm">
      d12345d8k.htm</a></td>
    <td>8-K</td><td>40123</td></tr>
<tr><td>2</td><td>EX-99.1</td>
    <td><a href="/Archives/edgar/data/836147/000119312525316894/d12345dex991.htm">
      d12345dex991.htm</a></td>
    <td>EX-99.1</td><td>12000</td></tr>
</table></body></html>"""


def doc(body: str, url: str = "https://news.example/feed.xml", **context: str) -> Document:
    return Document(url=url, body=body.encode("utf-8"), fetched_at=FETCHED_AT, context=context)


def test_rss_announcement_forms() -> None:
    records = feed.parse(doc(RSS, company="Acme Corp"))
    got = [
        (r.full_name, r.positions[0].title, r.positions[0].company, r.positions[0].start)
        for r in records
    ]
    assert got == [
        ("Jane Q. Doe", "Chief Technology Officer", "Acme Corp", PartialDate(2025, 3, 4)),
        ("Hank Scorpio", "Chief Executive Officer", "Globex", PartialDate(2025, 3, 5)),
        ("Maria Lopez", "Vice President of Sales", "Initech", PartialDate(2025, 3, 6)),
        ("Bob Smith", "Senior Director of Engineering", "Acme Corp", PartialDate(2025, 3, 7)),
        ("Ana Ruiz", "Head of Data", "Globex", PartialDate(2025, 3, 8)),
    ]
    assert records[0].profile_id == "feed:https://news.example/1#jane-q-doe"
    assert records[0].excerpt == "Jane Q. Doe joins Acme Corp as Chief Technology Officer"
    assert records[4].excerpt == "Revenue grew. Ana Ruiz has joined Globex as its Head of Data."


def test_promotion_without_a_known_company() -> None:
    records = feed.parse(doc(RSS))
    assert records[3].positions[0].company is None


def test_atom_entries() -> None:
    (record,) = feed.parse(doc(ATOM))
    assert (record.full_name, record.positions[0].title, record.positions[0].start) == (
        "Ana Ruiz",
        "Staff Engineer",
        PartialDate(2024, 11, 2),
    )


def test_press_release_uses_the_headline_not_the_image_caption() -> None:
    (record,) = feed.parse(
        document(
            "appointments/chocolatey.org_blog_PaulBroadwithJoinsChocolatey.txt",
            "https://c.example/p",
        )
    )
    assert record.positions[0].title == "Senior Technical Engineer"  # the img title says Software


def test_edgar_feed_follows_the_item_502_filings() -> None:
    edgar = document(EDGAR_FEED, EDGAR_URL)
    assert feed.parse(edgar) == []
    assert feed.follow(edgar) == [
        "https://www.sec.gov/Archives/edgar/data/836147/000119312525316894/0001193125-25-316894-index.htm",
        "https://www.sec.gov/Archives/edgar/data/1861657/000149315225027373/0001493152-25-027373-index.htm",
        "https://www.sec.gov/Archives/edgar/data/1326160/000110465925120496/0001104659-25-120496-index.htm",
        "https://www.sec.gov/Archives/edgar/data/1546417/000154641725000143/0001546417-25-000143-index.htm",
        "https://www.sec.gov/Archives/edgar/data/35527/000003552725000232/0000035527-25-000232-index.htm",
        "https://www.sec.gov/Archives/edgar/data/1070985/000119312525316848/0001193125-25-316848-index.htm",
    ]


def test_edgar_index_page_follows_the_8k_document() -> None:
    url = "https://www.sec.gov/Archives/edgar/data/836147/000119312525316894/0001193125-25-316894-index.htm"
    index = doc(INDEX, url)
    assert feed.parse(index) == []
    assert feed.follow(index) == [
        "https://www.sec.gov/Archives/edgar/data/836147/000119312525316894/d12345d8k.htm"
    ]


def test_an_ordinary_feed_follows_nothing() -> None:
    assert feed.follow(doc(RSS)) == []


def test_8k_departure_by_resignation_and_unsure_sentences() -> None:
    page = """<html><body><p>FORM 8-K</p>
    <p>Date of Report (Date of earliest event reported): June 2, 2025</p>
    <p>EXAMPLE HOLDINGS, INC.</p><p>(Exact name of registrant as specified in its charter)</p>
    <p>Item 5.02 Departure of Directors or Certain Officers.</p>
    <p>On June 2, 2025, Jane A. Roe notified Example Holdings, Inc. (the "Company") of her
    decision to retire. Jane A. Roe will retire as Chief Operating Officer of the Company,
    effective June 30, 2025. The Board thanked Ms. Roe for her service. Mr. Smith was appointed
    as Interim Chief Operating Officer.</p>
    <p>Item 9.01 Financial Statements and Exhibits.</p><p>SIGNATURES</p></body></html>"""
    (record,) = feed.parse(doc(page, "https://www.sec.gov/x.htm"))
    assert record.full_name == "Jane A. Roe"
    (job,) = record.positions
    assert (job.title, job.company, job.end) == (
        "Chief Operating Officer",
        "Example Holdings, Inc.",
        PartialDate(2025, 6, 30),
    )


def test_8k_without_item_502_gives_nothing() -> None:
    page = "<html><body><p>FORM 8-K</p><p>Item 7.01 Regulation FD Disclosure.</p></body></html>"
    assert feed.parse(doc(page, "https://www.sec.gov/y.htm")) == []


@pytest.mark.parametrize(
    "body",
    [
        "<?xml version='1.0'?><rss><channel><item><title>x</title></channel></rss>",
        "plain words, nothing else",
    ],
)
def test_unreadable_feeds_raise(body: str) -> None:
    with pytest.raises(SourceError, match=r"news\.example"):
        feed.parse(doc(body))
