"""Why a request failed, in words a person can act on, and the result status it means."""

from __future__ import annotations

import re
from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.response import response_status_message
from twisted.internet import error as twisted_error
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.middlewares.guard import RequestRefused

ROBOTS_MESSAGE = "Forbidden by robots.txt"
_BROKEN = (
    DownloadFailedError,
    ResponseDataLossError,
    ResponseFailed,
    ResponseNeverReceived,
    twisted_error.ConnectionLost,
    twisted_error.ConnectionDone,
)
#: "<twisted.python.failure.Failure twisted.internet.error.ConnectionLost: text>"
_FAILURE = re.compile(r"Failure [\w.]*?(\w+): ([^>]*)>")


def describe(exception: BaseException, url: str, settings: Any) -> tuple[str, str]:
    """``(status, error)`` of the result for a request to ``url`` that raised ``exception``.

    (:class:`HttpError` is an :class:`IgnoreRequest`, so it is looked at first.)
    """
    if isinstance(exception, HttpError):
        response = exception.response
        location = response.headers.get(b"Location")
        if 300 <= response.status < 400 and location:
            target = location.decode("latin-1")
            return "refused", f"{url}: redirects to {target}, not followed (only http and https)"
        message = f"{url}: HTTP {response_status_message(response.status)}"
        retries = response.request.meta.get("retry_times") if response.request else None
        if retries:
            message += f" after {retries} retries"
        note = response.request.meta.get("medalist_retry_note") if response.request else None
        return "error", f"{message} ({note})" if note else message
    if isinstance(exception, RequestRefused):
        return "refused", str(exception)
    if isinstance(exception, IgnoreRequest):
        text = str(exception)
        if text == ROBOTS_MESSAGE:
            return "refused", f"{url}: the site's robots.txt disallows it for our User-Agent"
        if "max redirections" in text:
            limit = settings.getint("REDIRECT_MAX_TIMES")
            return "error", f"{url}: too many redirects (more than REDIRECT_MAX_TIMES={limit})"
        return "error", f"{url}: {text}"
    return "error", f"{url}: {download_error(exception, settings)}"


def download_error(exception: BaseException, settings: Any) -> str:
    text = str(exception)
    if isinstance(exception, DownloadCancelledError) and (not text or "max size" in text):
        # the HTTP handler cancels a download only when the body outgrows DOWNLOAD_MAXSIZE
        return f"body larger than {settings.getint('DOWNLOAD_MAXSIZE')} bytes"
    if isinstance(exception, DownloadTimeoutError | twisted_error.TimeoutError):
        return f"timed out after {settings.getfloat('DOWNLOAD_TIMEOUT'):g}s"
    if isinstance(exception, CannotResolveHostError | twisted_error.DNSLookupError):
        return f"cannot resolve the host ({text})"
    if isinstance(exception, DownloadConnectionRefusedError | twisted_error.ConnectionRefusedError):
        return "connection refused"
    if isinstance(exception, _BROKEN):
        inner = "; ".join(": ".join(found) for found in _FAILURE.findall(text))
        detail = inner or text or type(exception).__name__
        return f"the connection failed before a full response ({detail.strip()})"
    return f"{type(exception).__name__}: {text}" if text else type(exception).__name__
