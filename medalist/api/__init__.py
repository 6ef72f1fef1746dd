"""The HTTP API (contract section 7): FastAPI over the service layer, run by ``medalist serve``.

::

    medalist.api.app      create_app(settings, sessions): the application, errors as JSON
    medalist.api.auth     the bearer-key guard in front of every /v1 path
    medalist.api.routes   one router per area; each route parses, calls one service, returns
"""
