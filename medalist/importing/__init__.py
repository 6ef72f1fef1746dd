"""Importing ATS exports: candidates and requisitions (contract sections 2 and 4).

Readers stream rows from each format (:mod:`~medalist.importing.candidates_csv`,
:mod:`~medalist.importing.jsonlines`, :mod:`~medalist.importing.jsonresume`,
:mod:`~medalist.importing.requisitions`); :mod:`~medalist.importing.importer` reports the bad
rows and upserts the good ones in batches through the unit of work.
"""

from __future__ import annotations

from medalist.importing.importer import import_candidates, import_requisitions
from medalist.importing.report import BadRow, ImportReport

__all__ = ["BadRow", "ImportReport", "import_candidates", "import_requisitions"]
