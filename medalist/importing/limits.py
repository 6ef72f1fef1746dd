"""Values too long for the database, caught as bad rows before anything is written."""

from __future__ import annotations

from enrichment.model import Candidate, Requisition
from storage.models import MAX_KEY_LENGTH, MAX_URL_LENGTH


def _too_long(value: str, limit: int) -> str:
    return f"is {len(value)} characters long; at most {limit} can be stored"


def candidate_problem(candidate: Candidate) -> tuple[str, str] | None:
    """``(field, reason)`` of the first value that cannot be stored, or None."""
    if len(candidate.external_id) > MAX_KEY_LENGTH:
        return "external_id", _too_long(candidate.external_id, MAX_KEY_LENGTH)
    for i, ref in enumerate(candidate.profiles):
        if ref.id and len(ref.id) > MAX_KEY_LENGTH:
            return f"profiles[{i}].id", _too_long(ref.id, MAX_KEY_LENGTH)
        if len(ref.locator) > MAX_URL_LENGTH:
            return f"profiles[{i}].url", _too_long(ref.locator, MAX_URL_LENGTH)
    for i, application in enumerate(candidate.applications):
        if len(application.req_id) > MAX_KEY_LENGTH:
            return f"applications[{i}].req_id", _too_long(application.req_id, MAX_KEY_LENGTH)
    return None


def requisition_problem(requisition: Requisition) -> tuple[str, str] | None:
    if len(requisition.req_id) > MAX_KEY_LENGTH:
        return "req_id", _too_long(requisition.req_id, MAX_KEY_LENGTH)
    return None
