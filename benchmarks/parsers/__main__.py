"""``python -m benchmarks.parsers [--split NAME]``: facts recall and precision per kind.

Every golden case of ``tests/crawler/parsers/test_parsers_golden.py`` is parsed again and its
facts (:mod:`benchmarks.parsers.facts`) are compared with those of its expected JSON, per parser
kind. ``--split after`` reads only the documents collected after the rules for their shape were
written (the README names them); ``before`` the others;
``held-out`` only the documents set aside before the second round's rules were written (never
read while writing them), ``seen`` every document but those; ``third`` only the documents of the
third round, ``third-held-out`` only those found after its rules were written; ``fourth`` the
documents of the fourth round, ``fifth`` those of the fifth. A parser that
raises on a document finds nothing there (and the run says so).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from benchmarks.parsers.facts import all_facts
from crawler.parsers import parser_for

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests" / "crawler" / "parsers"
GOLDEN = ROOT / "tests" / "crawler" / "golden"

#: Documents found after the rules for their shape were written (see the README).
AFTER = frozenset(
    {
        "mftests_microformats-v2_h-resume_contact",
        "mftests_microformats-v2_h-resume_skill",
        "mftests_microformats-v2_h-resume_affiliation",
        "mftests_microformats-v2_h-resume_justaname",
        "mftests_microformats-mixed_h-resume_mixedroots",
        "mftests_microformats-v2_h-card_nested",
        "mftests_microformats-v2_h-card_p-property",
        "mftests_microformats-v2_h-card_extendeddescription",
        "pibt4.0_Trustees.aspx",
        "pibt4.0_AboutUs.aspx",
        "edgartools_sec-8k_item502_JPMorgan_2026-06-25",
        "edgartools_sec-8k_item502e_NVIDIA_2026-03",
        "edgartools_sec-8k_item502e_Nordstrom_2023-03",
    }
)
#: Second round of issue 11: documents set aside before any rule was changed for them, read once
#: at the end (``--split held-out``); the other new documents were read while rules were written.
HELD_OUT = frozenset(
    {
        "bruiz-cv-web_src_components_Header",
        "assignment06_member.php",
        "ieeecornell.org_page-eboard.php",
        "edgartools_sec-8k_item502_Exelon_2005-04-26",
        "apache_blog_2019-05-28_welcomes_craig_russell_as_chairman",
        # found last, after every rule of the round was written, and read once
        "jeremyboles-ann_layout_component_aside",
    }
)
#: Third round of issue 11 (branch ``parsers3``): documents found after both earlier rounds and
#: read by the parsers once, before any rule was changed for them (``--split third``); the
#: README gives the figures of that first reading.
THIRD = frozenset(
    {
        "NaraLeeLab.github.io_lab_members",
        "anisaideliaa_tugasLayout.blade.php",
        "thejustpark.github.io_members",
        "theatre-three-website_about_us.php",
        "html_zakrepi_structura-companii.php",
        "askella.biz_team.php",
        "NearshoreTest_About_Executive_index.ctp",
        "khbWarehouse_focus_manageTeam.jsp",
        "kubohiroki-testpage_company.php",
        "schemaorg_eg-0449_microdata",
        "schemaorg_eg-0449_jsonld",
        "nauths.fr_en_about_2014",
        "nauths.fr_fr_about_2014",
        "dstanecki.github.io_about",
        "mftests_microformats-v1_hcard_multiple",
    }
)
#: Found after the third round's rules were written, and read by them once (``--split
#: third-held-out``): the figure to quote for pages those rules never saw.
THIRD_HELD_OUT = frozenset(
    {
        "PrimeStudios.co_about_team_index.php",
        "finalProject_staff.php",
        "themark_sales_who-we-are.php",
        "tjmaynes-blog_about",
        "nhanik.github.io_about",
        # found last, after the rules for the five above were written, and read once
        "jacobemerick-web_portfolio_Resume.tpl.php",
    }
)
#: Fourth round of issue 11 (branch ``parsers4``): documents of the shapes still short, read by
#: the parsers once before any rule was changed for them (``--split fourth``).
FOURTH = frozenset(
    {
        "pwaldhauer-portfolio_index.php",
        "bastianjakobi.github.io_Header_About.tsx",
        "wp-illdy-clone_ourteam.php",
        "CodeWithFrenchy.github.io_about",
        "frittenburger.de_index",
        "anghelo-code-portfolio_TextAboutMe.jsx",
    }
)
#: Fifth round of issue 11 (branch ``parsers5``): documents of the shapes still short after the
#: fourth, read by the parsers once before any rule was changed for them (``--split fifth``).
FIFTH = frozenset(
    {
        "Riron-orion_about_index",
        "benjasaldaopage_about-me.js",
        "isenseflu-app-react_PublicTemplates.js",
        "planilhabr_sobre-nos_page.tsx",
        "fludetector-flask_about.html",
    }
)
#: Sixth round of issue 11 (branch ``parsers6``): documents of the shapes still short after the
#: fifth, read by the parsers once before any rule was changed for them (``--split sixth``).
SIXTH = frozenset(
    {
        "JSCryptoMinerStudy_pagesource_aaronparecki.com",
        "eecs582.github.io_index.html",
        # found after the rules for the two above were written, and read once
        "dusty.is_public_a_software.engineer_index-old",
    }
)
#: Résumé sections (Experience / Education / Skills headings over dated items; the lead's round,
#: ``crawler/parsers/_timeline.py``): ``--split resume`` the documents the rules were written
#: on, ``--split resume-held-out`` the two read once after (figures in README.md).
RESUME = frozenset(
    {
        "desertthunder_website_drafts_cv",
        "kavalcio.github.io_index",
        "lennow_application_README",
        "shirokano.github.io_overview",
    }
)
RESUME_HELD_OUT = frozenset(
    {
        "TANZHAOHONG_WP_Personal_Website_about",
        "TAZEEM-BEG_myportfoliowebsite_about",
        "vtabary_vincent.tabary.me_index",
    }
)
#: Seventh round of issue 11 (branch ``parsers7``): about pages typed by hand and read once before
#: any rule was changed for them (``--split seventh``); ``SEVENTH_HELD_OUT``, split from them at
#: random before the first reading, was read once at the very end (``--split seventh-held-out``).
SEVENTH = frozenset(
    {
        "SarcevicAntonio_about-me",
        "aasmpro.github.io_aboutMeDE",
        "jan-mueller_de_home",
        "reachip.github.io_aboutme",
        "teddypaul.fr_fr_about",
        "lytsistemas.github.io_about",
        "CristianSoncco.github.io_about",
    }
)
SEVENTH_HELD_OUT = frozenset(
    {
        "faik.in_about-content",
        "M4Tdev-portfolio-gatsby_about",
        "Meldanor-PersonalWebpage_de_aboutMe",
        "randtech_about",
        "elpolito.github.io_fr_profile",
        "ivanlunadev-portfolio_about",
    }
)
#: Found after every rule of the seventh round was written (the held-out half had been seen by
#: then), typed by hand and read once at the very end (``--split seventh-fresh``).
SEVENTH_FRESH = frozenset(
    {
        "1v0.dev_about",
        "pascalprecht.github.io_about",
        "sascha.fitzner.io_ueber-mich",
        "kremkau.github.io_ueber-mich",
        "VincentHardouin-blog_a-propos",
        "jeromedesseaux.fr_a-propos",
        "samueldevega_sobre-mi",
        "fco-sandoval-gomez.es_sobre-mi",
    }
)
#: Found after every rule of the seventh round (the fresh pages' included), typed by hand and read
#: once, with no rule changed after (``--split seventh-last``).
SEVENTH_LAST = frozenset(
    {
        "newSite_about",
        "shakhawat.me_about",
        "jonashartmann.org_ueber-mich",
        "meinto.github.io.hugo_ueber-mich",
        "clementbiron.com_a-propos",
        "alexandre-touret.github.io_a-propos",
        "FranVillaDev_sobre-mi",
        "SalvaIvars.github.io_sobre-mi",
    }
)
#: Found after the last rule of the seventh round, typed by hand and read once on the final code,
#: with no rule changed after (``--split seventh-final``): the unseen figure of that code.
SEVENTH_FINAL = frozenset(
    {
        "rotespferd-website_ueber-mich",
        "laurahoefler_ueber-mich",
        "bastien-nizart-portfolio_a-propos",
        "hmarquer.github.io_sobre-mi",
        "1ag.in_about",
    }
)
#: Eighth round of issue 11 (branch ``parsers9``): real documents of the three shapes still short
#: (HTML in JSON Resume fields, "Resume of X", titles nested in an h-card's org), each read once
#: before any rule was changed for it (``--split eighth``).
EIGHTH = frozenset(
    {
        "hectorguo_jsonresume-theme-material_resume",
        "PragTob_pragtob.github.io_resume",
        "antgonzales_antgonzales.github.io_resume",
    }
)
KINDS = ("website", "team_page", "feed", "jsonresume", "orcid", "github", "wikidata")


def _within(names: frozenset[str]) -> Callable[[str], bool]:
    return lambda name: name in names


def _without(names: frozenset[str]) -> Callable[[str], bool]:
    return lambda name: name not in names


#: ``--split NAME``: which golden documents a split reads.
SPLITS: dict[str, Callable[[str], bool]] = {
    "after": _within(AFTER),
    "before": _without(AFTER),
    "held-out": _within(HELD_OUT),
    "seen": _without(HELD_OUT),
    "third": _within(THIRD),
    "third-held-out": _within(THIRD_HELD_OUT),
    "fourth": _within(FOURTH),
    "fifth": _within(FIFTH),
    "sixth": _within(SIXTH),
    "seventh": _within(SEVENTH),
    "seventh-held-out": _within(SEVENTH_HELD_OUT),
    "seventh-fresh": _within(SEVENTH_FRESH),
    "seventh-last": _within(SEVENTH_LAST),
    "seventh-final": _within(SEVENTH_FINAL),
    "eighth": _within(EIGHTH),
    "resume": _within(RESUME),
    "resume-held-out": _within(RESUME_HELD_OUT),
}


def _cases() -> ModuleType:
    sys.path.insert(0, str(TESTS))
    spec = importlib.util.spec_from_file_location("golden_cases", TESTS / "test_parsers_golden.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the golden cases from {TESTS}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["golden_cases"] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parsers")
    parser.add_argument(
        "--split",
        choices=("all", *sorted(SPLITS)),
        default="all",
    )
    parser.add_argument("--show", type=int, default=40, help="differences printed (default 40)")
    args = parser.parse_args(argv)
    module = _cases()
    expected_n: dict[str, int] = defaultdict(int)
    found_n: dict[str, int] = defaultdict(int)
    right_n: dict[str, int] = defaultdict(int)
    docs: dict[str, int] = defaultdict(int)
    misses: list[str] = []
    started = time.perf_counter()
    for case in module.CASES:
        if args.split != "all" and not SPLITS[args.split](case.name):
            continue
        doc = module.document(
            case.fixture, case.url, content_type=case.content_type, context=case.context
        )
        try:
            actual = all_facts([r.to_dict() for r in parser_for(case.kind)(doc)])
        except Exception as error:  # a crash is a document read as nothing, and is shown
            misses.append(f"{case.name}: parser raised {type(error).__name__}: {error}")
            actual = set()
        path = GOLDEN / f"{case.name}.expected.json"
        expected = all_facts(json.loads(path.read_text(encoding="utf-8")))
        docs[case.kind] += 1
        expected_n[case.kind] += len(expected)
        found_n[case.kind] += len(actual)
        right_n[case.kind] += len(expected & actual)
        misses += [f"{case.name}: missed {f}" for f in sorted(expected - actual)]
        misses += [f"{case.name}: extra {f}" for f in sorted(actual - expected)]
    elapsed = time.perf_counter() - started
    print(f"split={args.split}  load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    print(f"{'kind':<11} {'docs':>4} {'facts':>6} {'found':>6} {'recall':>7} {'precision':>9}")
    failed = False
    for kind in KINDS:
        if not docs[kind]:
            continue
        recall = right_n[kind] / expected_n[kind] if expected_n[kind] else 1.0
        precision = right_n[kind] / found_n[kind] if found_n[kind] else 1.0
        failed |= recall < 0.95 or precision < 0.98
        print(
            f"{kind:<11} {docs[kind]:>4} {expected_n[kind]:>6} {found_n[kind]:>6} "
            f"{recall:>7.3f} {precision:>9.3f}"
        )
    print(f"{sum(docs.values())} documents in {elapsed:.2f} s")
    for line in misses[: args.show]:
        print(" ", line)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
