"""What changed for a candidate: the diff engine and the ``profile_gone`` change.

``diff(stored, linked, *, requisitions=(), today, stored_as_of=None) -> DiffResult`` compares a
stored :class:`~enrichment.model.Candidate` with the profiles linked to it and returns the
contract's changes (section 6) and the record brought up to date; ``profile_gone(...)`` builds
the change for a source that answers 404/410 on repeated runs. Rules: :mod:`enrichment.diff.engine`.
"""

from __future__ import annotations

from enrichment.diff.engine import DiffResult, LinkedProfile, diff
from enrichment.diff.gone import GoneSource, profile_gone

__all__ = ["DiffResult", "GoneSource", "LinkedProfile", "diff", "profile_gone"]
