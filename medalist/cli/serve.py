"""``medalist serve``: the HTTP API (uvicorn running :func:`medalist.api.app.create_app`)."""

from __future__ import annotations

import click

from medalist.cli._context import settings_from


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (each opens its own database connections).",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Serve the API under /v1 (keys from 'medalist apikey create'), /healthz, and the
    recruiter pages under /ui/ (logins from 'medalist user create')."""
    import uvicorn

    from medalist.database import open_database

    settings = settings_from(ctx)
    open_database(settings)  # refuse an unmigrated database before listening
    click.echo(
        f"medalist API on http://{host}:{port}/ (OpenAPI at /openapi.json); "
        f"recruiter pages at http://{host}:{port}/ui/",
        err=True,
    )
    if workers == 1:
        from medalist.api.factory import app_for

        uvicorn.run(
            app_for(settings),
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
        )
        return
    import os

    # each worker builds its app from the environment (see medalist.api.factory)
    os.environ["MEDALIST_DATABASE_URL"] = settings.database_url
    uvicorn.run(
        "medalist.api.factory:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
    )
