"""Seniority: every title on the contract's one ordinal scale (section 5).

``classify(title, company=None)`` returns a :class:`~enrichment.model.Seniority` whose
``reasons`` name the rules that decided it. The parts:

- :mod:`~enrichment.seniority.classifier`: ``classify`` and ``LEVEL_NAMES``;
- :mod:`~enrichment.seniority.rules`: the ordered, labelled role and modifier tables;
- :mod:`~enrichment.seniority.banks`: which employers use the banking ladder;
- ``_text`` and ``_lexicon``: normalising a title (abbreviations, employer tails, German,
  French and Spanish words) into the English the rules read.

Measured against hand-labelled titles by ``python -m benchmarks.titles``.
"""

from __future__ import annotations

from enrichment.seniority.classifier import LEVEL_NAMES, classify

__all__ = ["LEVEL_NAMES", "classify"]
