"""What every command needs: the settings, read once here at the edge."""

from __future__ import annotations

import click

from medalist.settings import Settings, load_settings


def settings_from(ctx: click.Context) -> Settings:
    """The settings of this invocation, loaded on first use and kept on the root context."""
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = load_settings()
    return root.obj
