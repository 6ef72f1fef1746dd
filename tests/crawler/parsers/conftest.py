"""Make ``crawler`` the project's package in these tests, not the ``tests/crawler`` folder.

pytest (prepend import mode, folders without ``__init__.py``) puts ``tests/`` on ``sys.path``,
where ``tests/crawler`` would be imported as a namespace package named ``crawler``; the project
root goes first instead, and any such stand-in already imported is dropped.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[3])
if ROOT in sys.path:
    sys.path.remove(ROOT)
sys.path.insert(0, ROOT)
for name in [n for n in sys.modules if n == "crawler" or n.startswith("crawler.")]:
    if getattr(sys.modules[name], "__file__", None) is None:
        del sys.modules[name]
