"""Level weights estimated from the review queue's confirmed links: trained, stored, read back,
used by the nightly run, and left alone when there are too few links or the setting says
``hand``."""

from __future__ import annotations

import itertools
import math
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from enrichment.model import Candidate, ProfileRecord, utcnow
from medalist.refresh import Refresher
from medalist.services import weights as service
from medalist.services.errors import InvalidRequest
from medalist.settings import Settings
from storage.models import MatchWeightRow
from storage.repositories import LevelWeight
from storage.repositories.match_weights import KEEP_SETS
from storage.unit_of_work import UnitOfWork

FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Ken",
    "Radia",
    "Niklaus",
]
LAST = ["Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Kowalski", "Fischer", "Silva"]
CITIES = ["Leeds", "Porto", "Osaka", "Lyon", "Graz"]


def _people(count: int) -> list[tuple[str, str]]:
    names = [f"{f} {s}" for f, s in itertools.product(FIRST, LAST)]
    return [(f"c-{i}", names[i]) for i in range(count)]


def _store(uow: UnitOfWork, count: int) -> None:
    """``count`` candidates, and for each a profile a person linked in the review queue: the
    same name and city at a new employer (the career move medalist exists for)."""
    with uow:
        for i, (external_id, name) in enumerate(_people(count)):
            city = CITIES[i % len(CITIES)]
            outcome = uow.candidates.upsert(
                Candidate.from_dict(
                    {
                        "external_id": external_id,
                        "full_name": name,
                        "location": city,
                        "positions": [{"title": "Engineer", "company": f"Firm {i}"}],
                    }
                )
            )
            assert outcome is not None
            row = uow.candidates.get_row(external_id)
            assert row is not None
            profile: dict[str, Any] = {
                "full_name": name,
                "location": city,
                "positions": [{"title": "Senior Engineer", "company": f"Next {i}"}],
                "url": f"https://people.example/{external_id}",
                "kind": "website",
                "fetched_at": "2026-11-01T00:00:00Z",
            }
            match, _ = uow.matches.add_pending(
                f"website|{external_id}",
                profile,
                candidate_id=row.id,
                score=0.9,
                method="fuzzy",
                reasons=[],
            )
            uow.matches.decide(match.id, "link", decided_by="alice")
        uow.commit()


def _settings(database_url: str, **values: Any) -> Settings:
    return Settings(database_url=database_url, match_min_pairs=50, **values)


def _employer_change(levels: list[LevelWeight]) -> LevelWeight:
    return next(lv for lv in levels if (lv.signal, lv.label) == ("employer", "different employer"))


def test_weights_are_estimated_from_confirmed_links_and_stored(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork
) -> None:
    _store(uow, 60)
    settings = _settings(database_url)

    answer = service.train_now(session_factory, settings)

    assert answer.source == "trained"
    assert answer.pairs == 60
    assert "estimated from 60 confirmed link(s)" in answer.message
    assert answer.levels, answer
    with uow:
        current = uow.weights.current()
    assert current is not None
    _, pairs, levels = current
    assert pairs == 60
    # every confirmed pair moved employer: the queue taught the matcher that a new employer is
    # normal for the same person, so the hand-set penalty (-1 bit) is gone; its sign is kept
    changed = _employer_change(levels)
    assert changed.m == pytest.approx(1.0)
    assert changed.matches == 60
    assert -1.0 < changed.weight <= 0.0
    for level in levels:
        assert 0 < level.m <= 1 and 0 < level.u <= 1
        assert level.matches >= 20  # fewer confirmed pairs: the hand-set weight stays
        if -12 < level.weight < 14 and level.weight != 0.0:  # not clamped
            assert level.weight == pytest.approx(math.log2(level.m / level.u), abs=0.02)
    # what `medalist weights` shows is what is stored
    shown = service.show(session_factory, settings)
    assert shown.source == "trained"
    assert [lv.level for lv in shown.levels] == [f"{lv.signal}: {lv.label}" for lv in levels]


def test_too_few_confirmed_links_keep_the_hand_set_weights(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork
) -> None:
    _store(uow, 12)
    settings = _settings(database_url)

    answer = service.train_now(session_factory, settings)

    assert answer.source == "hand-set"
    assert answer.message == (
        "12 confirmed link(s) in the review queue, 50 needed: the hand-set weights stay in use"
    )
    with uow:
        assert uow.weights.current() is None


def test_the_nightly_run_trains_first_and_matches_with_the_weights(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork
) -> None:
    _store(uow, 60)
    with uow:  # a watched many-person source: the run matches against every candidate
        uow.sources.add_watched("team_page", "https://northwind.example/team")
        uow.commit()
    refresher = Refresher(_settings(database_url), session_factory, crawl=lambda t, s: iter(()))

    summary = refresher.run(everyone=True)

    with uow:
        run_ids = set(uow.session.scalars(select(MatchWeightRow.run_id)))
        current = uow.weights.current()
    assert run_ids == {summary.run_id}
    assert current is not None
    # the run's matcher scores a career move with the trained weight, and its reasons say so
    index = refresher._index
    assert index is not None
    trained = _employer_change(current[2]).weight
    reasons = index.match(_profile("Ada Okafor", "Leeds", "Umbrella")).reasons
    moved = [r for r in reasons if r.startswith("employer: different employer")]
    assert moved and moved[0].endswith(f"({trained:+.1f})"), reasons


def _profile(name: str, city: str, company: str) -> ProfileRecord:
    return ProfileRecord.from_dict(
        {
            "full_name": name,
            "location": city,
            "positions": [{"title": "Staff Engineer", "company": company}],
            "url": "https://elsewhere.example/ada",
            "kind": "website",
            "fetched_at": "2026-11-02T00:00:00Z",
        }
    )


def test_a_run_without_many_person_sources_uses_the_stored_set(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork
) -> None:
    _store(uow, 60)
    refresher = Refresher(_settings(database_url), session_factory, crawl=lambda t, s: iter(()))

    refresher.run(everyone=True)  # nothing to match against everyone: no index, no training
    with uow:
        assert uow.weights.current() is None
    service.train_now(session_factory, _settings(database_url))

    refresher.run(everyone=True)
    assert refresher._trained is not None  # the stored set, for the candidates' own sources


def test_hand_setting_never_trains(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork
) -> None:
    _store(uow, 60)
    settings = _settings(database_url, match_weights="hand")
    refresher = Refresher(settings, session_factory, crawl=lambda t, s: iter(()))

    refresher.run(everyone=True)

    with uow:
        assert uow.weights.current() is None
    with pytest.raises(InvalidRequest, match="MEDALIST_MATCH_WEIGHTS=hand"):
        service.train_now(session_factory, settings)
    assert "MEDALIST_MATCH_WEIGHTS=hand" in service.show(session_factory, settings).message


def test_old_sets_are_pruned_and_clear_forgets_them(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork
) -> None:
    start = utcnow()
    with uow:
        for n in range(KEEP_SETS + 4):
            uow.weights.save(
                [LevelWeight("employer", "different employer", 0.9, 0.95, -0.1, 40, 900)],
                pairs=100 + n,
                now=start + timedelta(seconds=n),
            )
        uow.commit()
    with uow:
        stamps = set(uow.session.scalars(select(MatchWeightRow.trained_at)))
        current = uow.weights.current()
    assert len(stamps) == KEEP_SETS + 1
    assert current is not None and current[1] == 100 + KEEP_SETS + 3

    answer = service.clear(session_factory, _settings(database_url))

    assert answer.source == "hand-set"
    assert answer.message.startswith(f"{KEEP_SETS + 1} stored weight(s) forgotten")


def test_cli_prints_the_weights(
    database_url: str, session_factory: sessionmaker[Session], uow: UnitOfWork, medalist: Any
) -> None:
    _store(uow, 60)
    with uow:
        uow.weights.save(
            [LevelWeight("employer", "different employer", 1.0, 0.98, 0.0, 60, 9800)], pairs=60
        )
        uow.commit()

    shown = medalist("weights")

    assert shown.exit_code == 0, shown.output
    assert "from 60 confirmed link(s)" in shown.output
    assert "employer: different employer" in shown.output
    as_json = medalist("weights", "--json")
    assert '"source": "trained"' in as_json.output
