"""The unit of work commits only when asked and rolls back otherwise."""

from __future__ import annotations

import pytest

from enrichment.model import Candidate
from storage.unit_of_work import UnitOfWork


def test_leaving_without_commit_rolls_back(uow: UnitOfWork) -> None:
    with uow:
        uow.candidates.upsert(Candidate("ats-1", "Ada"))
    with uow:
        assert uow.candidates.get("ats-1") is None


def test_an_exception_rolls_back_everything_of_the_unit(uow: UnitOfWork) -> None:
    with pytest.raises(RuntimeError), uow:
        uow.candidates.upsert(Candidate("ats-1", "Ada"))
        run = uow.runs.start()
        assert run.id is not None
        raise RuntimeError("crash in the middle of a candidate")
    with uow:
        assert uow.candidates.get("ats-1") is None
        assert uow.runs.list() == []


def test_commit_makes_it_visible_to_the_next_unit(uow: UnitOfWork) -> None:
    with uow:
        uow.candidates.upsert(Candidate("ats-1", "Ada"))
        uow.commit()
    with uow:
        assert uow.candidates.get("ats-1") == Candidate("ats-1", "Ada")


def test_work_after_a_commit_is_rolled_back_unless_committed_again(uow: UnitOfWork) -> None:
    with uow:
        uow.candidates.upsert(Candidate("ats-1", "Ada"))
        uow.commit()
        uow.candidates.upsert(Candidate("ats-2", "Bo"))
    with uow:
        assert uow.candidates.get("ats-2") is None
        assert uow.candidates.get("ats-1") is not None


def test_repositories_need_the_with_block(uow: UnitOfWork) -> None:
    with pytest.raises(RuntimeError):
        uow.commit()
