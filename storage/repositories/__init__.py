"""Repositories: the named queries the application needs, one module per table family.

None of them commits: the :class:`~storage.unit_of_work.UnitOfWork` does.
"""

from __future__ import annotations

from storage.repositories._common import Classifier, Outcome, Provenance, content_hash
from storage.repositories.api_keys import ApiKeyRepository
from storage.repositories.audit import AuditRepository
from storage.repositories.candidates import CandidateRepository, RefreshState
from storage.repositories.erased import ErasedPeopleRepository
from storage.repositories.events import EventRepository
from storage.repositories.match_weights import LevelWeight, MatchWeightRepository
from storage.repositories.matches import MatchRepository
from storage.repositories.requisitions import RequisitionRepository
from storage.repositories.runs import RunRepository
from storage.repositories.snapshots import SnapshotRepository
from storage.repositories.sources import NotModified, SourceRepository
from storage.repositories.users import UserRepository
from storage.repositories.webhooks import WebhookRepository

__all__ = [
    "ApiKeyRepository",
    "AuditRepository",
    "CandidateRepository",
    "Classifier",
    "ErasedPeopleRepository",
    "EventRepository",
    "LevelWeight",
    "MatchRepository",
    "MatchWeightRepository",
    "NotModified",
    "Outcome",
    "Provenance",
    "RefreshState",
    "RequisitionRepository",
    "RunRepository",
    "SnapshotRepository",
    "SourceRepository",
    "UserRepository",
    "WebhookRepository",
    "content_hash",
]
