"""JavaScript pages: when a page needs a browser, which Chromium to use, what it may load.

Playwright's own Chromium is used when installed (``playwright install chromium``), else the
system Chromium (``MEDALIST_BROWSER``, ``/usr/bin/chromium``, ``/usr/bin/chromium-browser``).
A page that needs a browser when there is none gets an error naming both fixes; nothing else
asks for one.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from pathlib import Path
from typing import Any

from crawler.addresses import AddressPolicy, Refusal, parse_ip

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SYSTEM_CHROMIUMS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def missing_message(configured: str | None) -> str:
    """The error for a page that needs a browser when none was found."""
    configured = _explicit(configured)
    if configured:
        return f"{MISSING} (MEDALIST_BROWSER={configured} is not an executable file)"
    return MISSING


MISSING = (
    "this page needs JavaScript and no Chromium was found: install Playwright's browser "
    "(`python -m playwright install chromium`) or a system Chromium (`apt install chromium`, "
    "or set MEDALIST_BROWSER to its path)"
)


def playwright_browser_installed() -> bool:
    """Whether ``playwright install chromium`` has been run (without starting Playwright)."""
    configured = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    roots = [Path(configured)] if configured and configured != "0" else []
    roots.append(Path.home() / ".cache" / "ms-playwright")
    return any(
        any(root.glob("chromium_headless_shell-*")) or any(root.glob("chromium-*"))
        for root in roots
        if root.is_dir()
    )


def find_chromium(configured: str | None) -> str | None:
    """The system Chromium to launch: ``configured`` (MEDALIST_BROWSER) or a usual path."""
    if configured:
        found = shutil.which(configured) or (configured if Path(configured).is_file() else None)
        return found
    return next((path for path in SYSTEM_CHROMIUMS if Path(path).is_file()), None)


def _explicit(configured: str | None) -> str | None:
    """``MEDALIST_BROWSER`` when it names a browser (``auto`` and empty mean: find one)."""
    return configured if configured and configured.strip().lower() != "auto" else None


def launch_options(configured: str | None) -> dict[str, Any] | None:
    """``PLAYWRIGHT_LAUNCH_OPTIONS`` for the browser to use, or ``None`` when there is none.

    An explicit ``MEDALIST_BROWSER`` wins; otherwise Playwright's own Chromium when installed,
    else the system Chromium.
    """
    configured = _explicit(configured)
    if configured:
        path = find_chromium(configured)
        return {"executable_path": path, "args": CHROMIUM_ARGS} if path else None
    if playwright_browser_installed():
        return {"args": CHROMIUM_ARGS}
    path = find_chromium(None)
    return {"executable_path": path, "args": CHROMIUM_ARGS} if path else None


_SCRIPT = re.compile(rb"<script\b", re.I)
_STRIP = re.compile(rb"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(rb"<[^>]+>")
_NOSCRIPT = re.compile(rb"<noscript\b[^>]*>(.*?)</noscript\s*>", re.I | re.S)
_ENABLE_JS = re.compile(rb"enable\s+javascript|javascript\s+(is\s+)?(required|disabled)", re.I)
_STRUCTURED = re.compile(rb"application/ld\+json|itemtype=|class=[\"'][^\"']*\bh-card", re.I)


def needs_javascript(body: bytes, *, min_text: int = 200) -> bool:
    """Whether served HTML shows nothing without JavaScript (``render: auto``).

    True when the page says to enable JavaScript in a ``<noscript>``, or when it has scripts,
    no structured data and less than ``min_text`` characters of visible text.
    """
    if any(_ENABLE_JS.search(block) for block in _NOSCRIPT.findall(body)):
        return True
    if not _SCRIPT.search(body) or _STRUCTURED.search(body):
        return False
    text = _TAG.sub(b" ", _STRIP.sub(b" ", body))
    return len(b" ".join(text.split())) < min_text


class AbortRefused:
    """``PLAYWRIGHT_ABORT_REQUEST``: a rendered page may not load from refused addresses.

    The page itself passed the address guard as a Scrapy request; its scripts, frames and
    images are requested by the browser, so each is checked here and aborted when refused.
    """

    def __init__(self, policy: AddressPolicy):
        self.policy = policy

    async def __call__(self, request: Any) -> bool:
        url = str(request.url)
        if url.startswith(("data:", "blob:", "about:")):
            return False
        try:
            host = self.policy.check_url(url)
            literal = parse_ip(host)
            if literal is not None:
                self.policy.check_address(host, literal)
                return False
            if self.policy.host_allowed(host):
                return False
            infos = await asyncio.get_running_loop().getaddrinfo(host, None)
            for info in infos:
                address = parse_ip(str(info[4][0]))
                if address is None:
                    return True
                self.policy.check_address(host, address)
        except (Refusal, OSError):
            return True
        return False
