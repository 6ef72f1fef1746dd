"""Candidates: the record (facts with provenance, sources, events), upserts with the import's
validation and messages (erased people refused), and queued refreshes. Opt-out and erasure
are :mod:`medalist.services.privacy`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import partial
from typing import Any

import anyio.to_thread

from enrichment.errors import ConfigurationError, InvalidInput
from enrichment.model import Candidate, format_timestamp, utcnow
from medalist.candidate_view import candidate_view, facts_view
from medalist.importing.candidates_json import candidate_from_json
from medalist.importing.erasure import ErasureKey, erased_among, erased_message
from medalist.importing.jsonlines import field_of
from medalist.importing.limits import candidate_problem
from medalist.services import Sessions
from medalist.services.errors import Conflict, InvalidRequest, NotConfigured, NotFound
from medalist.services.schemas import (
    CandidateRecord,
    Refreshed,
    RowProblem,
    UpsertItem,
    UpsertResult,
)
from storage.repositories.candidates import CandidateFacts, read_facts
from storage.repositories.events import latest_json_for_candidate
from storage.repositories.feed_reader import FeedReader
from storage.unit_of_work import UnitOfWork, reading


def _missing(external_id: str) -> NotFound:
    return NotFound(f"no stored candidate {external_id!r}", code="candidate_not_found")


def get_record(
    sessions: Sessions, external_id: str, *, events_limit: int | None = None
) -> CandidateRecord:
    """The stored record, with every event or only the newest ``events_limit``;
    :class:`NotFound` when there is none."""
    with UnitOfWork(sessions) as uow:
        row = uow.candidates.get_row(external_id)
        if row is None:
            raise _missing(external_id)
        return CandidateRecord.model_validate(candidate_view(uow, row, events_limit=events_limit))


_NO_EVENTS = b',"events":[]}'


def get_record_json(sessions: Sessions, external_id: str, *, events_limit: int) -> bytes:
    """:func:`get_record` with the newest ``events_limit`` events, as the JSON of a
    :class:`CandidateRecord`: the facts go through the model, the events are their stored JSON
    (as the feed serves them), written after the rest without being parsed (the API's
    path)."""
    with reading(sessions) as connection:  # each statement sees its own snapshot either way
        row = read_facts(connection, external_id)
        if row is None:
            raise _missing(external_id)
        events, total = latest_json_for_candidate(connection, row.id, events_limit)
    return _record_json(row, events, total)


async def get_record_json_async(
    sessions: Sessions, reader: FeedReader | None, external_id: str, *, events_limit: int
) -> bytes:
    """:func:`get_record_json` for an event loop: on the asyncio ``reader`` when there is one
    (PostgreSQL), else in a worker thread (SQLite)."""
    if reader is None:
        return await anyio.to_thread.run_sync(
            partial(get_record_json, sessions, external_id, events_limit=events_limit)
        )
    found = await reader.candidate_json(external_id, events_limit)
    if found is None:
        raise _missing(external_id)
    return _record_json(*found)


def _record_json(row: CandidateFacts, events: list[str], total: int) -> bytes:
    view = facts_view(row)
    view.update(events_total=total, events=[])
    facts = CandidateRecord.model_validate(view).model_dump_json().encode()
    assert facts.endswith(_NO_EVENTS), "events is the record's last field"
    return b"".join((facts[: -len(_NO_EVENTS)], b',"events":[', ",".join(events).encode(), b"]}"))


def _problem_text(problem: RowProblem) -> str:
    return f"field {problem.field!r}: {problem.message}" if problem.field else problem.message


def _validated(
    items: Sequence[Mapping[str, Any]],
) -> tuple[list[tuple[int, Candidate]], list[RowProblem]]:
    """Each record read as the JSON Lines import reads a line; duplicates and values the
    database cannot hold are problems, as in the import."""
    good: list[tuple[int, Candidate]] = []
    problems: list[RowProblem] = []
    first: dict[str, int] = {}
    for index, data in enumerate(items):
        given = data.get("external_id")
        shown = given if isinstance(given, str) else None
        try:
            candidate = candidate_from_json(dict(data))
        except InvalidInput as error:
            problems.append(
                RowProblem(
                    index=index,
                    external_id=shown,
                    field=field_of(error, "candidate"),
                    message=error.reason,
                )
            )
            continue
        except (TypeError, AttributeError, KeyError) as error:
            # a field of the wrong shape the record reader did not name
            problems.append(
                RowProblem(index=index, external_id=shown, message=f"malformed record: {error}")
            )
            continue
        eid = candidate.external_id
        if eid in first:
            problems.append(
                RowProblem(
                    index=index,
                    external_id=eid,
                    field="external_id",
                    message=f"{eid!r} appears again (first at index {first[eid]})",
                )
            )
            continue
        first[eid] = index
        found = candidate_problem(candidate)
        if found is not None:
            problems.append(
                RowProblem(index=index, external_id=eid, field=found[0], message=found[1])
            )
            continue
        good.append((index, candidate))
    return good, problems


def upsert_many(
    sessions: Sessions,
    items: Sequence[Mapping[str, Any]],
    *,
    erasure_key: bytes | None = None,
    now: datetime | None = None,
) -> UpsertResult:
    """Upsert candidates by ``external_id``: the bad ones are reported and skipped, the good
    ones written in one transaction (like one batch of ``medalist import``). Erased people are
    refused, as the import refuses them."""
    good, problems = _validated(items)
    result = UpsertResult(errors=problems)
    if not good:
        return result
    with UnitOfWork(sessions) as uow:
        try:
            erased = erased_among(uow, ErasureKey(erasure_key), [c for _, c in good])
        except ConfigurationError as error:
            raise NotConfigured(str(error), code="secret_key_missing") from None
        keep: list[Candidate] = []
        for index, candidate in good:
            if candidate.external_id in erased:
                result.errors.append(
                    RowProblem(
                        index=index,
                        external_id=candidate.external_id,
                        message=erased_message(candidate.external_id),
                    )
                )
            else:
                keep.append(candidate)
        outcomes = uow.candidates.upsert_many(keep, now)
        uow.commit()
    result.errors.sort(key=lambda p: p.index if p.index is not None else -1)
    for candidate in keep:
        outcome = outcomes[candidate.external_id]
        result.results.append(UpsertItem(key=candidate.external_id, outcome=outcome))
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def upsert_one(
    sessions: Sessions,
    external_id: str,
    data: Mapping[str, Any],
    *,
    erasure_key: bytes | None = None,
    now: datetime | None = None,
) -> UpsertResult:
    """Upsert the candidate ``external_id`` (the body's ``external_id``, when given, must be
    the same). :class:`InvalidRequest` names the field when the record is bad."""
    record = dict(data)
    given = record.setdefault("external_id", external_id)
    if given != external_id:
        raise InvalidRequest(
            f"field 'external_id': {given!r} differs from {external_id!r} in the path; "
            "leave it out or make them equal",
            field="external_id",
        )
    result = upsert_many(sessions, [record], erasure_key=erasure_key, now=now)
    if result.errors:
        problem = result.errors[0]
        raise InvalidRequest(_problem_text(problem), field=problem.field)
    return result


def request_refresh(
    sessions: Sessions, external_id: str, *, now: datetime | None = None
) -> Refreshed:
    """Queue a refresh for the next run (no crawl inside the request)."""
    when = now or utcnow()
    with UnitOfWork(sessions) as uow:
        row = uow.candidates.get_row(external_id)
        if row is None:
            raise _missing(external_id)
        if not row.may_process:
            raise Conflict(
                f"{external_id!r} opted out and is never crawled; "
                "'medalist optout --undo' resumes crawling",
                code="candidate_opted_out",
            )
        uow.candidates.request_refresh(external_id, when)
        uow.commit()
    return Refreshed(
        external_id=external_id,
        refresh_requested_at=format_timestamp(when),
        message="queued: the next run refreshes this candidate first",
    )
