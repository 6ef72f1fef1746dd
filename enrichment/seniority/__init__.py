"""Seniority: every title on the contract's one ordinal scale (section 5).

``classify(title, company=None)`` returns a :class:`~enrichment.model.Seniority` whose
``reasons`` name the rules that decided it.
"""

from __future__ import annotations

from enrichment.seniority.classifier import LEVEL_NAMES, classify

__all__ = ["LEVEL_NAMES", "classify"]
