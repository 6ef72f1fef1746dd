"""Requisitions: the open (and closed) roles candidates may qualify for."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from enrichment.model import Requisition
from storage.models import RequisitionRow
from storage.repositories._common import Classifier, Outcome, content_hash, utcnow


class RequisitionRepository:
    def __init__(self, session: Session, classify: Classifier | None = None) -> None:
        self.session = session
        self.classify = classify

    def get_row(self, req_id: str) -> RequisitionRow | None:
        return self.session.scalar(select(RequisitionRow).where(RequisitionRow.req_id == req_id))

    def get(self, req_id: str) -> Requisition | None:
        row = self.get_row(req_id)
        return self.to_domain(row) if row is not None else None

    def list_open(self) -> list[Requisition]:
        rows = self.session.scalars(
            select(RequisitionRow)
            .where(RequisitionRow.status == "open")
            .order_by(RequisitionRow.req_id)
        )
        return [self.to_domain(r) for r in rows]

    def list_all(self) -> list[Requisition]:
        rows = self.session.scalars(select(RequisitionRow).order_by(RequisitionRow.req_id))
        return [self.to_domain(r) for r in rows]

    @staticmethod
    def to_domain(row: RequisitionRow) -> Requisition:
        """The stored role; ``level`` is the classified one when the input gave none."""
        return Requisition(
            req_id=row.req_id,
            title=row.title,
            level=row.level,
            min_years=row.min_years,
            skills=tuple(row.skills or ()),
            location=row.location,
            status=row.status,
        )

    def upsert(self, requisition: Requisition, now: datetime | None = None) -> Outcome:
        return self.upsert_many([requisition], now)[requisition.req_id]

    def upsert_many(
        self, requisitions: Iterable[Requisition], now: datetime | None = None
    ) -> dict[str, Outcome]:
        """Upsert by ``req_id``; an identical record changes nothing."""
        now = now or utcnow()
        latest = {r.req_id: r for r in requisitions}
        if not latest:
            return {}
        rows = {
            r.req_id: r
            for r in self.session.scalars(
                select(RequisitionRow).where(RequisitionRow.req_id.in_(list(latest)))
            )
        }
        outcomes: dict[str, Outcome] = {}
        for req_id, req in latest.items():
            digest = content_hash(req.to_dict())
            row = rows.get(req_id)
            if row is not None and row.record_hash == digest:
                outcomes[req_id] = "unchanged"
                continue
            if row is None:
                row = RequisitionRow(req_id=req_id, title=req.title, created_at=now)
                self.session.add(row)
                outcomes[req_id] = "created"
            else:
                outcomes[req_id] = "updated"
            level, level_name = req.level, None
            if level is None and self.classify is not None:
                seniority = self.classify(req.title, None)
                level, level_name = seniority.level, seniority.level_name
            row.title = req.title
            row.level = level
            row.level_name = level_name
            row.level_given = req.level is not None
            row.min_years = req.min_years
            row.skills = list(req.skills)
            row.location = req.location
            row.status = req.status
            row.record_hash = digest
            row.updated_at = now
        self.session.flush()
        return outcomes
