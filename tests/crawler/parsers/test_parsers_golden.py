"""Every saved profile-source document parses to the records in ``tests/crawler/golden/``.

The expected files were written by reading each document; see ``parser_golden`` for the
regenerate switch and ``tests/fixtures/MANIFEST.md`` for where each document comes from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from parser_golden import GOLDEN, check, document

from benchmarks.parsers.facts import Fact, all_facts
from crawler.parsers import parser_for
from enrichment.model import ProfileRecord


@dataclass(frozen=True)
class Case:
    kind: str
    fixture: str
    url: str
    content_type: str = ""
    context: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.fixture.rsplit("/", 1)[-1].rsplit(".", 1)[0]


ORCID = "https://pub.orcid.org/v3.0"
GITHUB = "https://api.github.com/users"
WIKIDATA = "https://www.wikidata.org/wiki/Special:EntityData"
SCHEMA = "https://person.example/schemaorg"

CASES = [
    # ORCID
    Case(
        "orcid",
        "orcid/orcid-v3.0_record_0000-0002-1825-0097_josiah-carberry.json",
        f"{ORCID}/0000-0002-1825-0097/record",
        "application/json",
    ),
    Case(
        "orcid",
        "orcid/rorcid_v3.0_person_0000-0002-1642-628X.json",
        f"{ORCID}/0000-0002-1642-628X/person",
        "application/json",
    ),
    Case(
        "orcid",
        "orcid/orcid-model_record-full-3.0.json",
        f"{ORCID}/0000-0002-7319-2192/record",
        "application/json",
    ),
    Case(
        "orcid",
        "orcid/orcid-model_record-3.0.xml",
        f"{ORCID}/8888-8888-8888-8880/record",
        "application/vnd.orcid+xml",
    ),
    Case(
        "orcid",
        "orcid/orcid-model_employments-3.0.xml",
        f"{ORCID}/8888-8888-8888-8880/employments",
        "application/vnd.orcid+xml",
        {"full_name": "User One"},
    ),
    Case(
        "orcid",
        "orcid/orcid-model_employment-full-3.0.xml",
        f"{ORCID}/8888-8888-8888-8880/employment/0",
        "application/vnd.orcid+xml",
        {"full_name": "User One"},
    ),
    # JSON Resume
    *(
        Case("jsonresume", f"jsonresume/{name}", f"https://resume.example/{name}")
        for name in (
            "thomasdavis_resume_2016-04-27_9f9b1cc.json",
            "thomasdavis_resume_2018-10-10_a2707c3.json",
            "thomasdavis_resume_2023-05-18_1bbc4c6.json",
            "jsonresume.org_examples_career-changer.resume.json",
            "jsonresume.org_examples_senior-engineer.resume.json",
            "resume-schema_sample.resume.json",
            "hectorguo_jsonresume-theme-material_resume.json",
            "PragTob_pragtob.github.io_resume.json",
            "antgonzales_antgonzales.github.io_resume.json",
        )
    ),
    # GitHub
    Case(
        "github",
        "github_users/github3.py_GET_users_sigmavirus24_2013-12-14_Bendyworks.json",
        f"{GITHUB}/sigmavirus24",
    ),
    Case(
        "github",
        "github_users/github3.py_GET_users_sigmavirus24_2014-09-01_Rackspace.json",
        f"{GITHUB}/sigmavirus24",
    ),
    Case(
        "github",
        "github_users/github3.py_GET_users_sigmavirus24_2018-08-18_heroku.json",
        f"{GITHUB}/sigmavirus24",
    ),
    Case("github", "github_users/octokit.rb_GET_users_sferik_2013-06-24.json", f"{GITHUB}/sferik"),
    Case(
        "github",
        "github_users/octokit.rb_GET_users_shipit-bot_2018-04-18.json",
        f"{GITHUB}/shipit%5Bbot%5D",
    ),
    # Wikidata (labels of the items pointed at are not fetched here: QIDs stand in)
    Case(
        "wikidata",
        "wikidata/wbgetentities_Q42_Douglas-Adams_rev1132843005_2020-03-09.json",
        "https://www.wikidata.org/w/api.php?action=wbgetentities&ids=Q42&format=json",
    ),
    Case(
        "wikidata",
        "wikidata/wikibase-sdk_Q646148_Henning-Christophersen_rev423448236_2017-01-02.json",
        f"{WIKIDATA}/Q646148.json",
    ),
    Case(
        "wikidata",
        "wikidata/wikibase-sdk_Q646148_Henning-Christophersen_rev2101106611_2024-03-13.json",
        f"{WIKIDATA}/Q646148.json",
    ),
    # Websites: schema.org and microformats
    *(
        Case("website", f"schemaorg_person/{name}", f"{SCHEMA}/{name}", "text/html")
        for name in (
            "schemaorg_eg-0001_jsonld.html",
            "schemaorg_eg-0001_microdata.html",
            "schemaorg_eg-0204_jsonld.html",
            "schemaorg_eg-0204_microdata.html",
            "schemaorg_eg-0206_jsonld.html",
            "schemaorg_eg-0250_jsonld.html",
            "schemaorg_eg-0276_jsonld.html",
        )
    ),
    *(
        Case("website", f"microformats/{name}", f"https://person.example/mf/{name}", "text/html")
        for name in (
            "mftests_microformats-v1_hresume_work.html",
            "mftests_microformats-v2_h-resume_work.html",
            "mftests_microformats-v2_h-resume_education.html",
        )
    ),
    # Websites: more microformats documents of the microformats/tests suite (h-resume contact,
    # skills, affiliation, name only, mixed v1/v2 roots; h-card with a nested h-org, several
    # p-orgs, an extended description)
    *(
        Case("website", f"microformats/{name}", f"https://person.example/mf/{name}", "text/html")
        for name in (
            "mftests_microformats-v2_h-resume_contact.html",
            "mftests_microformats-v2_h-resume_skill.html",
            "mftests_microformats-v2_h-resume_affiliation.html",
            "mftests_microformats-v2_h-resume_justaname.html",
            "mftests_microformats-mixed_h-resume_mixedroots.html",
            "mftests_microformats-v2_h-card_nested.html",
            "mftests_microformats-v2_h-card_p-property.html",
            "mftests_microformats-v2_h-card_extendeddescription.html",
        )
    ),
    # Many-person sources
    Case(
        "team_page",
        "team_pages/pibt4.0_Trustees.aspx.html",
        "https://www.pibt.org/Trustees.aspx",
        "text/html",
        {"company": "PIBT"},
    ),
    Case(
        "team_page",
        "team_pages/pibt4.0_AboutUs.aspx.html",
        "https://www.pibt.org/AboutUs.aspx",
        "text/html",
        {"company": "PIBT"},
    ),
    Case(
        "team_page",
        "appointments/chocolatey.org_about_team-section.html",
        "https://chocolatey.org/about",
        "text/html",
    ),
    *(
        Case(
            "feed",
            f"appointments/chocolatey.org_blog_{name}.txt",
            f"https://chocolatey.org/blog/{slug}",
            "text/plain",
        )
        for name, slug in (
            ("MukeshSharmaJoinsChocolatey", "mukesh-sharma-joins-chocolatey"),
            ("GaryEwanParkJoinsChocolatey", "gary-ewan-park-joins-chocolatey"),
            ("PaulBroadwithJoinsChocolatey", "paul-broadwith-joins-chocolatey"),
        )
    ),
    Case(
        "feed",
        "appointments/edgartools_sec-8k_item502_AFC-Gamma_2023-03.html",
        "https://www.sec.gov/Archives/edgar/data/1822523/000182252323000010/afcg-20230317.htm",
        "text/html",
    ),
    Case(
        "feed",
        "appointments/edgartools_sec-8k_item502_BlackRock_2023-02-24.html",
        "https://www.sec.gov/Archives/edgar/data/1364742/000119312523050781/d451218d8k.htm",
        "text/html",
    ),
    Case(
        "feed",
        "appointments/edgartools_sec-8k_item502_JPMorgan_2026-06-25.html",
        "https://www.sec.gov/Archives/edgar/data/19617/000001961726000241/jpm-20260624.htm",
        "text/html",
    ),
    Case(
        "feed",
        "appointments/edgartools_sec-8k_item502e_NVIDIA_2026-03.html",
        "https://www.sec.gov/Archives/edgar/data/1045810/000104581026000024/nvda-8k.htm",
        "text/html",
    ),
    Case(
        "feed",
        "appointments/edgartools_sec-8k_item502e_Nordstrom_2023-03.html",
        "https://www.sec.gov/Archives/edgar/data/72333/nordstrom-8k.htm",
        "text/html",
    ),
    # Found for the second round of issue 11 (see MANIFEST.md): an h-resume of a personal site,
    # a plain about page in Spanish, team pages of six more shapes (schema.org employee
    # microdata, a Cyrillic table, "Title: Name" items, "Name - Title" items, heading cards,
    # Japanese officer cards),
    # an 8-K resignation and an 8-K election, and press releases of the Apache Software
    # Foundation.
    Case(
        "website",
        "microformats/jessehattabaugh-com_pages_resume.html",
        "https://jessehattabaugh.com/resume/",
        "text/html",
    ),
    Case(
        "website",
        "microformats/jeremyboles-ann_layout_component_aside.html",
        "https://jeremyboles.com/",
        "text/html",
    ),
    Case(
        "website",
        "about_pages/bruiz-cv-web_src_components_Header.html",
        "https://person.example/about/bruiz-cv-web",
        "text/html",
    ),
    Case(
        "team_page",
        "team_pages/webprofessionals.ch_ausbildung_dozenten.blade.php.html",
        "https://webprofessionals.ch/ausbildung/dozenten/",
        "text/html",
        {"company": "Web Professionals"},
    ),
    Case(
        "team_page", "team_pages/rshb_team.php.html", "https://rshb.example/team.php", "text/html"
    ),
    Case(
        "team_page",
        "team_pages/nlna-website_officers.php.html",
        "https://northloopatx.org/officers",
        "text/html",
        {"company": "NLNA"},
    ),
    Case(
        "team_page",
        "team_pages/assignment06_member.php.html",
        "https://urcssa.example/member.php",
        "text/html",
        {"company": "URCSSA"},
    ),
    Case(
        "team_page",
        "team_pages/ieeecornell.org_page-eboard.php.html",
        "https://ieee.cornell.example/eboard/",
        "text/html",
        {"company": "IEEE Cornell"},
    ),
    Case(
        "team_page",
        "team_pages/gisuco-web_page-member.php.html",
        "https://gisuco.example/member/",
        "text/html",
    ),
    Case(
        "feed",
        "appointments/edgartools_sec-8k_item502b_Meta_2025-12-19.html",
        "https://www.sec.gov/Archives/edgar/data/1326801/000162828025058337/meta-20251219.htm",
        "text/html",
    ),
    Case(
        "feed",
        "appointments/edgartools_sec-8k_item502_Exelon_2005-04-26.txt",
        "https://www.sec.gov/Archives/edgar/data/1109357/000095013705004969/0000950137-05-004969.txt",
        "text/plain",
    ),
    *(
        Case(
            "feed",
            f"appointments/apache_blog_{name}.html",
            f"https://news.apache.org/foundation/entry/{slug}",
            "text/html",
            {"company": "The Apache Software Foundation"},
        )
        for name, slug in (
            (
                "2016-10-21_announcing_changes_in_asf_executive",
                "announcing_changes_in_asf_executive",
            ),
            (
                "2017-08-17_welcomes_phil_steitz_as_chairman",
                "the-apache-software-foundation-welcomes1",
            ),
            (
                "2019-05-28_welcomes_craig_russell_as_chairman",
                "the-apache-software-foundation-welcomes7",
            ),
            (
                "2015-04-13_welcomes_pivotal_as_platinum_sponsor",
                "the_apache_software_foundation_welcomes4",
            ),
        )
    ),
    # Found for the third round of issue 11 (branch ``parsers3``, see MANIFEST.md), read once by
    # the parsers before any rule was changed for them: team pages of the shapes still short
    # (sibling h5/h6 headings, dl/dd cards with the name as a link, tables, a schema.org
    # employee list, Cyrillic and CJK names), plain about pages in English and French, and an
    # h-card with several orgs each with its title.
    *(
        Case("team_page", f"team_pages/{name}", url, "text/html", context)
        for name, url, context in (
            (
                "NaraLeeLab.github.io_lab_members.html",
                "https://naraleelab.github.io/lab_members",
                {"company": "Lee Lab"},
            ),
            ("anisaideliaa_tugasLayout.blade.php.html", "https://team.example/tugasLayout", {}),
            ("thejustpark.github.io_members.html", "https://thejustpark.github.io/members", {}),
            (
                "theatre-three-website_about_us.php.html",
                "https://theatrethree.com/about-us/",
                {"company": "Theatre Three"},
            ),
            (
                "html_zakrepi_structura-companii.php.html",
                "https://zakrepi.example/structura-companii.php",
                {},
            ),
            ("askella.biz_team.php.html", "https://askella.biz/team", {}),
            (
                "NearshoreTest_About_Executive_index.ctp.html",
                "https://nearshore.example/about/executive",
                {},
            ),
            ("khbWarehouse_focus_manageTeam.jsp.html", "https://khb.example/focus/manageTeam", {}),
            (
                "kubohiroki-testpage_company.php.html",
                "https://holon.example/company.php",
                {"company": "株式会社ホロン"},
            ),
        )
    ),
    *(
        Case(
            "team_page",
            f"schemaorg_person/schemaorg_eg-0449_{syntax}.html",
            f"{SCHEMA}/schemaorg_eg-0449_{syntax}.html",
            "text/html",
        )
        for syntax in ("microdata", "jsonld")
    ),
    *(
        Case("website", f"about_pages/{name}", url, "text/html")
        for name, url in (
            ("nauths.fr_en_about_2014.html", "https://nauths.fr/en/about.html"),
            ("nauths.fr_fr_about_2014.html", "https://nauths.fr/fr/about.html"),
            ("dstanecki.github.io_about.html", "https://dstanecki.github.io/about/"),
        )
    ),
    # Found after the third round's rules were written, and read by them once (held out):
    *(
        Case("team_page", f"team_pages/{name}", url, "text/html", context)
        for name, url, context in (
            (
                "PrimeStudios.co_about_team_index.php.html",
                "https://primestudios.co/about/team/",
                {"company": "Prime Studios"},
            ),
            (
                "finalProject_staff.php.html",
                "https://mhyc.example/staff.php",
                {"company": "Maple Hill Yacht Club"},
            ),
            ("themark_sales_who-we-are.php.html", "https://themark.example/who-we-are/", {}),
        )
    ),
    *(
        Case("website", f"about_pages/{name}", url, "text/html")
        for name, url in (
            ("tjmaynes-blog_about.html", "https://blog.tjmaynes.com/about/"),
            ("nhanik.github.io_about.html", "https://nhanik.github.io/about/"),
        )
    ),
    Case(
        "website",
        "microformats/jacobemerick-web_portfolio_Resume.tpl.php.html",
        "https://portfolio.jacobemerick.com/resume/",
        "text/html",
    ),
    Case(
        "website",
        "microformats/mftests_microformats-v1_hcard_multiple.html",
        "https://person.example/mf/mftests_microformats-v1_hcard_multiple.html",
        "text/html",
    ),
    # Fourth round (branch parsers4): a team page and German about pages, read once before any
    # rule was changed for them
    Case(
        "team_page",
        "team_pages/wp-illdy-clone_ourteam.php.html",
        "https://team.example/illdy-clone/",
        "text/html",
        {},
    ),
    *(
        Case("website", f"about_pages/{name}", url, "text/html")
        for name, url in (
            ("pwaldhauer-portfolio_index.php.html", "https://philippwaldhauer.de/"),
            ("bastianjakobi.github.io_Header_About.tsx.html", "https://bastianjakobi.github.io/"),
            ("CodeWithFrenchy.github.io_about.html", "https://codewithfrenchy.github.io/about/"),
            ("frittenburger.de_index.html", "https://frittenburger.de/"),
            (
                "anghelo-code-portfolio_TextAboutMe.jsx.html",
                "https://anghelo-code.github.io/portfolio/",
            ),
        )
    ),
    # Fifth round (branch parsers5): read once before any rule was changed for them
    *(
        Case("website", f"about_pages/{name}", url, "text/html")
        for name, url in (
            ("Riron-orion_about_index.html", "https://orion-charlier.fr/a-propos/"),
            ("benjasaldaopage_about-me.js.html", "https://benjasaldao.vercel.app/about-me"),
        )
    ),
    Case(
        "team_page",
        "team_pages/isenseflu-app-react_PublicTemplates.js.html",
        "https://www.i-senseflu.org.uk/about",
        "text/html",
        {"company": "University College London"},
    ),
    Case(
        "team_page",
        "team_pages/fludetector-flask_about.html.html",
        "http://www.fludetector.cs.ucl.ac.uk/about",
        "text/html",
        {"company": "University College London"},
    ),
    Case(
        "team_page",
        "team_pages/planilhabr_sobre-nos_page.tsx.html",
        "https://www.planilhabr.com/sobre-nos/",
        "text/html",
        {},
    ),
    Case(
        "feed",
        "appointments/edgartools_sec-edgar-getcurrent-atom_2025-12-12_start3400.xml",
        "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&output=atom",
        "application/atom+xml",
    ),
    # Sixth round (branch parsers6): read once before any rule was changed for them
    Case(
        "website",
        "microformats/JSCryptoMinerStudy_pagesource_aaronparecki.com.html",
        "https://aaronparecki.com/",
        "text/html",
    ),
    Case(
        "team_page",
        "team_pages/eecs582.github.io_index.html.html",
        "https://eecs582.github.io/",
        "text/html",
        {"company": "University of Michigan"},
    ),
    # found after the rules for the two above were written, and read once
    Case(
        "website",
        "microformats/dusty.is_public_a_software.engineer_index-old.html",
        "https://dusty.is/a/software.engineer/",
        "text/html",
    ),
    # Résumé sections (Experience / Education headings over dated items; the lead's round,
    # crawler/parsers/_timeline.py). Pages that name nobody get the name the crawl's target
    # carries (context), as a watched candidate's own site would.
    *(
        Case("website", f"resume_sections/{name}", url, "text/html", context)
        for name, url, context in (
            (
                "desertthunder_website_drafts_cv.html",
                "https://github.com/desertthunder/website/blob/17ad3fa/drafts/md/cv.md",
                {"full_name": "Owais Jamil"},
            ),
            (
                "kavalcio.github.io_index.html",
                "https://kavalcio.github.io/",
                {"full_name": "Sarp Kavalcioglu"},
            ),
            ("lennow_application_README.html", "https://github.com/lennow/application", {}),
            (
                "shirokano.github.io_overview.html",
                "https://shirokano.github.io/",
                {"full_name": "Shiro Okano"},
            ),
            # held out: read once, after the rules were written
            (
                "TANZHAOHONG_WP_Personal_Website_about.html",
                "https://tanzhaohong.github.io/WP_Personal_Website/about.html",
                {},
            ),
            (
                "TAZEEM-BEG_myportfoliowebsite_about.html",
                "https://tazeem-beg.github.io/myportfoliowebsite/about.html",
                {},
            ),
            (
                "vtabary_vincent.tabary.me_index.html",
                "https://vincent.tabary.me/",
                {"full_name": "Vincent Tabary"},
            ),
        )
    ),
    # Seventh round (branch parsers7): about pages typed by hand, then read once before any rule
    # was changed for them; a page naming nobody gets its owner's name (the GitHub account the
    # site is published from) as the target's context, as a crawl of a known person's site would.
    *(
        Case("website", f"about_pages/{name}", url, "text/html", context)
        for name, url, context in (
            (
                "SarcevicAntonio_about-me.html",
                "https://sarcevicantonio.example/about-me/",
                {"full_name": "SarcevicAntonio"},
            ),
            (
                "aasmpro.github.io_aboutMeDE.html",
                "https://aasmpro.github.io/",
                {"full_name": "aasmpro"},
            ),
            (
                "jan-mueller_de_home.html",
                "https://jan-mueller.example/de/",
                {"full_name": "DerYeger"},
            ),
            (
                "reachip.github.io_aboutme.html",
                "https://reachip.github.io/aboutme",
                {"full_name": "Reachip"},
            ),
            ("teddypaul.fr_fr_about.html", "https://teddypaul.fr/", {"full_name": "TdyP"}),
            (
                "lytsistemas.github.io_about.html",
                "https://lytsistemas.github.io/about",
                {"full_name": "lytsistemas"},
            ),
            (
                "CristianSoncco.github.io_about.html",
                "https://cristiansoncco.github.io/",
                {"full_name": "CristianSoncco"},
            ),
        )
    ),
    # Seventh round, held out: read once, at the end
    *(
        Case("website", f"about_pages/{name}", url, "text/html", context)
        for name, url, context in (
            ("faik.in_about-content.html", "https://faik.in/", {"full_name": "malikfaik"}),
            ("M4Tdev-portfolio-gatsby_about.html", "https://m4tdev.example/", {}),
            (
                "Meldanor-PersonalWebpage_de_aboutMe.html",
                "https://meldanor.example/",
                {"full_name": "Meldanor"},
            ),
            ("randtech_about.html", "https://randtech.example/about/", {"full_name": "troll-os"}),
            (
                "elpolito.github.io_fr_profile.html",
                "https://elpolito.github.io/",
                {"full_name": "ElPolito"},
            ),
            ("ivanlunadev-portfolio_about.html", "https://ivanlunadev.example/about/", {}),
        )
    ),
    # Seventh round, found after every rule of the round was written (the held-out half had
    # been seen by then), typed by hand, and read once, at the very end
    *(
        Case("website", f"about_pages/{name}", url, "text/html", context)
        for name, url, context in (
            ("1v0.dev_about.html", "https://1v0.dev/about/", {}),
            (
                "pascalprecht.github.io_about.html",
                "https://pascalprecht.github.io/about/",
                {"full_name": "0x-r4bbit"},
            ),
            ("sascha.fitzner.io_ueber-mich.html", "https://sascha.fitzner.io/ueber-mich/", {}),
            ("kremkau.github.io_ueber-mich.html", "https://kremkau.github.io/ueber-mich/", {}),
            (
                "VincentHardouin-blog_a-propos.html",
                "https://vincenthardouin.example/a-propos/",
                {"full_name": "VincentHardouin"},
            ),
            (
                "jeromedesseaux.fr_a-propos.html",
                "https://jeromedesseaux.fr/a-propos/",
                {"full_name": "JeromeDesseaux"},
            ),
            (
                "samueldevega_sobre-mi.html",
                "https://samueldevega.example/sobre-mi/",
                {"full_name": "samdevega"},
            ),
            (
                "fco-sandoval-gomez.es_sobre-mi.html",
                "https://fco-sandoval-gomez.es/sobre-mi/",
                {"full_name": "fsangom"},
            ),
        )
    ),
    # Seventh round, last: found after every rule, the fresh pages' included, typed by hand and
    # read once, with no rule changed after (two precision cases: pages with no career fact)
    *(
        Case("website", f"about_pages/{name}", url, "text/html", context)
        for name, url, context in (
            ("newSite_about.html", "https://newsite.example/about/", {}),
            ("shakhawat.me_about.html", "https://shakhawat.me/about/", {}),
            ("jonashartmann.org_ueber-mich.html", "https://jonashartmann.org/ueber-mich/", {}),
            ("meinto.github.io.hugo_ueber-mich.html", "https://meinto.github.io/ueber-mich/", {}),
            ("clementbiron.com_a-propos.html", "https://clementbiron.com/a-propos/", {}),
            (
                "alexandre-touret.github.io_a-propos.html",
                "https://alexandre-touret.example/a-propos/",
                {"full_name": "alexandre-touret"},
            ),
            ("FranVillaDev_sobre-mi.html", "https://franvilla.example/sobre-mi/", {}),
            ("SalvaIvars.github.io_sobre-mi.html", "https://salvaivars.github.io/sobre-mi/", {}),
        )
    ),
    # Seventh round, final check: found after the last rule of the round, typed by hand and read
    # once on the final code, with no rule changed after (one precision case)
    *(
        Case("website", f"about_pages/{name}", url, "text/html", context)
        for name, url, context in (
            (
                "rotespferd-website_ueber-mich.html",
                "https://rotespferd.example/ueber-mich/",
                {"full_name": "rotespferd"},
            ),
            (
                "laurahoefler_ueber-mich.html",
                "https://laurahoefler.example/ueber-mich/",
                {"full_name": "laurahoefler"},
            ),
            (
                "bastien-nizart-portfolio_a-propos.html",
                "https://bastien-nizart.example/a-propos/",
                {"full_name": "bastien-nizart"},
            ),
            ("hmarquer.github.io_sobre-mi.html", "https://hmarquer.github.io/sobre-mi/", {}),
            ("1ag.in_about.html", "https://1ag.in/about/", {}),
        )
    ),
]


#: Documents the parsers read only in part, with what they miss of the expected file and what
#: they give that it does not hold, as facts (``benchmarks/parsers/facts.py``). The expected
#: file stays what a careful reader takes from the document; this pins how far the parsers are
#: from it, so that any change, for the better or the worse, shows here.
PARTLY_READ: dict[str, tuple[set[Fact], set[Fact]]] = {
    # The address is a plain paragraph of the h-resume's contact card, with no property.
    "jessehattabaugh-com_pages_resume": (
        {("location", "jesse hattabaugh", "portland, or 97211")},
        set(),
    ),
    # Mark Lowe's schema.org Person is the card's picture (its itemscope is on the image), so it
    # has no name; "Partner, Graphic Designer Adicto" names Adicto by nothing but its place.
    "webprofessionals.ch_ausbildung_dozenten.blade.php": (
        {
            ("name", "mark lowe"),
            ("position", "mark lowe", "founder und ceo", "title", "founder und ceo"),
            ("position", "mark lowe", "founder und ceo", "company", "lowe it consulting ltd."),
            ("position", "christian woelk", "partner, graphic designer", "title",
             "partner, graphic designer"),
            ("position", "christian woelk", "partner, graphic designer", "company", "adicto"),
        },
        {
            ("position", "christian woelk", "partner, graphic designer adicto", "title",
             "partner, graphic designer adicto"),
            ("position", "christian woelk", "partner, graphic designer adicto", "company",
             "web professionals"),
        },
    ),
    # "Danny Angus and Ted Dunning were named Board Members", "As announced earlier": the
    # sentence gives no date, and the release's own date is taken for it.
    "apache_blog_2019-05-28_welcomes_craig_russell_as_chairman": (
        set(),
        {
            ("position", "danny angus", "board member", "start", "2019-05-28"),
            ("position", "ted dunning", "board member", "start", "2019-05-28"),
        },
    ),
    # "Dank meines … Bachelorstudiums (B.Sc.) und meiner Spezialisierung auf Medieninformatik":
    # a degree told in a sentence, with no institution; no grammar reads it yet.
    "bastianjakobi.github.io_Header_About.tsx": (
        {
            ("education", "bastian jakobi", "b.sc.", "degree", "b.sc."),
            ("education", "bastian jakobi", "b.sc.", "area", "medieninformatik"),
        },
        set(),
    ),
    # The past member is named after a bold "Past Members:" label, in no list or block of his own.
    "fludetector-flask_about.html": ({("name", "jens k. geyti")}, set()),
    # "Meetup Group: Seattle Web App Developers / SeaFlex": the group's kind before a colon is
    # read as part of its name.
    "dusty.is_public_a_software.engineer_index-old": (
        {("position", "dusty jewett", "manager", "company",
          "seattle web app developers / seaflex")},
        {("position", "dusty jewett", "manager", "company",
          "meetup group: seattle web app developers / seaflex")},
    ),
    # Résumé sections (the lead's round; crawler/parsers/_timeline.py)
    # The course's name above its school ("XR Development with Unity") is not read as its field.
    "kavalcio.github.io_index": (
        {
            (
                "education",
                "sarp kavalcioglu",
                "university of toronto – school of continuing studies + circuit stream",
                "area",
                "xr development with unity",
            ),
        },
        set(),
    ),
    # An introduction's "ich bin eure neue Backendentwicklerin im Team - oder könnte es werden"
    # (a wish, not a job) is read as a title by the about-page rules.
    "lennow_application_README": (
        set(),
        {
            (
                "position",
                "lena lehmann",
                "eure neue backendentwicklerin im team - oder könnte es werden",
                "title",
                "eure neue backendentwicklerin im team - oder könnte es werden",
            ),
        },
    ),
    # The degree's field is said in the summary's sentence, not in the Education list.
    "TANZHAOHONG_WP_Personal_Website_about": (
        {
            ("education", "tan zhao hong", "utm", "area", "computer science"),
        },
        set(),
    ),
    # "Auto entrepreneur" (France's self-employed status) is no title the lexicon knows.
    "vtabary_vincent.tabary.me_index": (
        {
            ("position", "vincent tabary", "auto entrepreneur", "end", "2012-06"),
            ("position", "vincent tabary", "auto entrepreneur", "start", "2010-08"),
            ("position", "vincent tabary", "auto entrepreneur", "title", "auto entrepreneur"),
        },
        set(),
    ),
    # Held out, read once (0 of 30: its name is given as "first name :" / "last name :" labels,
    # which no rule read then). Still missed: the degree beside its board ("Diploma Msbte",
    # "Engineering Degree Mumbai University": the awarding body read into the degree, or as an
    # SSC's field), and the place of an "Address :" label.
    "TAZEEM-BEG_myportfoliowebsite_about": (
        {
            (
                "education",
                "tazeem beg",
                "a.i- abdul razzak kalsekar polytechnic",
                "degree",
                "diploma",
            ),
            (
                "education",
                "tazeem beg",
                "chhatrapati shivaji maharaj institute of technology",
                "degree",
                "engineering degree",
            ),
            ("location", "tazeem beg", "mumbai maharashtra"),
        },
        {
            (
                "education",
                "tazeem beg",
                "a.i- abdul razzak kalsekar polytechnic",
                "degree",
                "diploma msbte",
            ),
            (
                "education",
                "tazeem beg",
                "baba hardev singh inter college bareilly (up)",
                "area",
                "upmsp",
            ),
            (
                "education",
                "tazeem beg",
                "chhatrapati shivaji maharaj institute of technology",
                "degree",
                "engineering degree mumbai university",
            ),
            ("education", "tazeem beg", "rj college ghatkopra", "area", "msbshse"),
        },
    ),
    # Seventh round, held out. The page says the one job twice, in French then in English
    # ("Aujourd'hui ingénieur produit …", "Today a product engineer …"): two titles alone in two
    # sentences are ambiguous, so neither is taken, and a page with no career fact yields nothing.
    "randtech_about": (
        {
            ("name", "troll-os"),
            ("position", "troll-os", "ingénieur produit", "title", "ingénieur produit"),
        },
        set(),
    ),
    # Seventh round, fresh. "sowie als Vorsitzender des Kreisverbands Altmark": the employer is
    # read in the genitive the sentence gives it; "und seit 2025 im Vorstandsbeirat …" leaves out
    # its verb and title (elliptic), and no rule reads it.
    "kremkau.github.io_ueber-mich": (
        {
            ("position", "tobias kremkau", "vorsitzender", "company", "kreisverband altmark"),
            ("position", "tobias kremkau", "mitglied", "company",
             "vorstandsbeirat „bündnisgrüner osten“"),
            ("position", "tobias kremkau", "mitglied", "start", "2025"),
        },
        {("position", "tobias kremkau", "vorsitzender", "company", "kreisverbands altmark")},
    ),
    # "Studiert habe ich von 10 / 2008 bis 09 / 2012 in Karlsruhe: Wirtschaftsinformatik -
    # Bachelor of Science.": no rule reads a degree after a colon, nor dates spaced "10 / 2008".
    "meinto.github.io.hugo_ueber-mich": (
        {
            ("education", "tobias meinhardt", "bachelor of science", "degree",
             "bachelor of science"),
            ("education", "tobias meinhardt", "bachelor of science", "area",
             "wirtschaftsinformatik"),
            ("education", "tobias meinhardt", "bachelor of science", "start", "2008-10"),
            ("education", "tobias meinhardt", "bachelor of science", "end", "2012-09"),
        },
        set(),
    ),
    # Seventh round, final check (read once: recall 0.147; rules were then changed for what it
    # showed, see the README). Still missed: areas typed in the nominative but written in the
    # genitive ("Masterstudium der Transnationalen Literaturwissenschaft"), read as written; a
    # title in brackets after a phrase ("développeur salarié en entreprise (Développeur Web
    # backend)").
    "laurahoefler_ueber-mich": (
        {
            (
                "education", "laurahoefler", "universität bremen", "area",
                "transnationale literaturwissenschaft",
            ),
            (
                "education", "laurahoefler", "universität erfurt", "area",
                "sprachwissenschaft und allgemeine, vergleichende literaturwissenschaft",
            ),
        },
        {
            (
                "education", "laurahoefler", "universität bremen", "area",
                "transnationalen literaturwissenschaft",
            ),
            (
                "education", "laurahoefler", "universität erfurt", "area",
                "sprachwissenschaft und der allgemeinen, vergleichenden literaturwissenschaft",
            ),
        },
    ),
    "bastien-nizart-portfolio_a-propos": (
        {
            (
                "position", "bastien-nizart", "développeur web backend", "title",
                "développeur web backend",
            ),
        },
        set(),
    ),
    # "après avoir obtenu un DUT Informatique en 2019" is read; that the DUT is the IUT Lyon 1's
    # is said three sentences later ("J'ai choisi d'intégrer l'IUT Lyon 1 …"), and no rule joins
    # sentences, so the degree is read without its institution.
    "elpolito.github.io_fr_profile": (
        {
            ("education", "elpolito", "iut lyon 1", "institution", "iut lyon 1"),
            ("education", "elpolito", "iut lyon 1", "degree", "dut"),
            ("education", "elpolito", "iut lyon 1", "area", "informatique"),
            ("education", "elpolito", "iut lyon 1", "end", "2019"),
        },
        {
            ("education", "elpolito", "dut", "degree", "dut"),
            ("education", "elpolito", "dut", "area", "informatique"),
            ("education", "elpolito", "dut", "end", "2019"),
        },
    ),
}  # fmt: skip


def _parsed(case: Case) -> list[ProfileRecord]:
    doc = document(case.fixture, case.url, content_type=case.content_type, context=case.context)
    return parser_for(case.kind)(doc)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.name not in PARTLY_READ], ids=lambda c: c.name
)
def test_golden(case: Case) -> None:
    check(case.name, _parsed(case))


@pytest.mark.parametrize("case", [c for c in CASES if c.name in PARTLY_READ], ids=lambda c: c.name)
def test_partly_read(case: Case) -> None:
    path = GOLDEN / f"{case.name}.expected.json"
    expected = all_facts(json.loads(path.read_text(encoding="utf-8")))
    actual = all_facts([r.to_dict() for r in _parsed(case)])
    assert (expected - actual, actual - expected) == PARTLY_READ[case.name]
