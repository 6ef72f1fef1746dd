"""What a service refuses, with a stable code the API puts in its error body.

::

    MedalistError
    └── ServiceError            code, HTTP status
        ├── NotFound            404  "not_found" (or a more specific code)
        ├── Conflict            409  "conflict"
        ├── InvalidRequest      422  "invalid_input"
        └── NotConfigured       503  "not_configured" (a setting the act needs is missing)

The message names what was wrong and what to do; the code never changes once published.
"""

from __future__ import annotations

from enrichment.errors import MedalistError


class ServiceError(MedalistError):
    status: int = 400
    code: str = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.field = field


class NotFound(ServiceError):
    status = 404
    code = "not_found"


class Conflict(ServiceError):
    status = 409
    code = "conflict"


class InvalidRequest(ServiceError):
    status = 422
    code = "invalid_input"


class NotConfigured(ServiceError):
    status = 503
    code = "not_configured"
