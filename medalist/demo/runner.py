"""``medalist demo``: the whole job on the embedded defaults, against a bundled site.

It makes a fresh SQLite database in the demo folder, imports the bundled past candidates and
open roles, serves the bundled demo site on loopback (real public documents and pages written
for the demo, see ``site/ATTRIBUTION.md``), watches its team page, runs one refresh through the
real crawler, writes the reports, then runs again to show that an unchanged web adds nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from enrichment.errors import ConfigurationError
from medalist.database import open_database
from medalist.demo.server import SiteServer
from medalist.importing.importer import import_candidates, import_requisitions
from medalist.refresh import Refresher, RunSummary
from medalist.report import render, write_private
from medalist.reporting import report_events
from medalist.settings import Settings, data_path
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWork

TEAM_PAGE = "chocolatey/about.html"


@dataclass
class DemoResult:
    folder: Path
    first: RunSummary
    second: RunSummary
    leveled_up: list[dict[str, Any]]
    events: list[dict[str, Any]]
    outputs: list[Path]
    review: int


#: Written into every demo folder, so a later demo may empty it without asking.
MARKER = ".medalist-demo"


def is_demo_folder(folder: Path) -> bool:
    """True for a folder an earlier demo made (its marker, or its database and site)."""
    return (folder / MARKER).is_file() or (
        (folder / "medalist.db").is_file() and (folder / "site").is_dir()
    )


def prepare_folder(folder: Path, *, force: bool = False) -> None:
    """Empty ``folder`` for a new demo; a folder with other content is refused unless ``force``,
    so ``demo --dir ~/Documents`` never deletes someone's files."""
    if folder.exists() and not folder.is_dir():
        raise ConfigurationError(f"{folder} is a file, not a folder; pick another --dir")
    if folder.exists() and any(folder.iterdir()):
        if not (force or is_demo_folder(folder)):
            raise ConfigurationError(
                f"{folder} is not empty and was not made by 'medalist demo'; pick an empty or "
                "new --dir, or add --force to delete its contents"
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("made by 'medalist demo'; emptied by the next demo\n", "utf-8")


def run_demo(
    folder: Path,
    base: Settings,
    *,
    echo: Callable[[str], None] = print,
    force: bool = False,
) -> DemoResult:
    """Run the demo in ``folder`` (emptied first, see :func:`prepare_folder`) and return what
    it found."""
    prepare_folder(folder, force=force)
    site_root = folder / "site"
    shutil.copytree(data_path("demo", "site"), site_root)
    with SiteServer(site_root) as site:
        settings = base.model_copy(
            update={
                "database_url": f"sqlite:///{folder / 'medalist.db'}",
                "allow_hosts": ",".join([*base.allowed_hosts, "127.0.0.1"]),
                "github_api": f"{site.url}/github",
                "orcid_api": f"{site.url}/orcid",
                "refresh_days": 30,
            }
        )
        echo(f"demo site: {site.url} (serving {site_root})")
        upgrade(settings.database_url)
        sessions = open_database(settings)

        def unit_of_work() -> UnitOfWork:
            return UnitOfWork(sessions)

        candidates = folder / "candidates.jsonl"
        candidates.write_text(
            data_path("demo", "candidates.jsonl").read_text("utf-8").replace("{site}", site.url),
            encoding="utf-8",
        )
        echo(import_candidates(candidates, unit_of_work).summary())
        echo(import_requisitions(data_path("demo", "reqs.csv"), unit_of_work).summary())
        with unit_of_work() as uow:
            uow.sources.add_watched("team_page", f"{site.url}/{TEAM_PAGE}")
            uow.commit()
        echo(f"watching team page {site.url}/{TEAM_PAGE}")

        refresher = Refresher(settings, sessions)
        first = refresher.run()
        echo(_summary("first run", first))
        second = refresher.run(everyone=True)
        echo(_summary("second run, same web", second))

    leveled_up = report_events(sessions, since=None)
    events = report_events(sessions, since=None, all_events=True)
    outputs = []
    for name, fmt, chosen in (
        ("report.html", "html", leveled_up),
        ("report.json", "json", leveled_up),
        ("report.csv", "csv", leveled_up),
        ("all-events.json", "json", events),
    ):
        path = folder / name
        write_private(path, render(chosen, fmt))
        outputs.append(path)
    with UnitOfWork(sessions) as uow:
        review = len(uow.matches.pending())
    return DemoResult(folder, first, second, leveled_up, events, outputs, review)


def _summary(label: str, summary: RunSummary) -> str:
    return (
        f"{label}: {summary.candidates} candidate(s), {summary.sources} source(s) "
        f"({summary.fetched} fetched, {summary.not_modified} not modified, "
        f"{summary.failed} failed), {summary.linked} profile(s) linked, "
        f"{summary.review} for review, {summary.events_new} new event(s)"
    )


def _side(side: Any) -> str:
    if not isinstance(side, dict):
        return "-"
    if side.get("skills"):
        return ", ".join(side["skills"])
    if side.get("education"):
        return "; ".join(str(e.get("institution") or e.get("degree")) for e in side["education"])
    level = f" [{side.get('level')} {side.get('level_name')}]" if side.get("level_name") else ""
    title = side.get("title") or side.get("url") or "-"
    return f"{title} at {side.get('company') or '-'}{level}"


def describe_events(events: list[dict[str, Any]]) -> str:
    lines = []
    for event in events:
        candidate = event["candidate"]
        up = "  LEVELED UP" if event.get("leveled_up") else ""
        lines.append(
            f"- {candidate['full_name']} ({candidate['external_id']}): {event['type']}{up}"
        )
        if event["type"] not in ("new_skill", "new_education"):
            lines.append(f"    before: {_side(event.get('before'))}")
        lines.append(f"    after:  {_side(event.get('after'))}")
        for req in event.get("qualifies_for") or []:
            lines.append(f"    now qualifies for {req['req_id']} {req['title']}")
        for evidence in event.get("evidence") or []:
            lines.append(f"    evidence: {evidence['kind']} {evidence['url']}")
    return "\n".join(lines)
