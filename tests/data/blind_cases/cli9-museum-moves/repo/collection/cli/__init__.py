"""The `stores` command line tool (a click group run through `manage.py stores ...`)."""
from .commands import cli
from .context import CliContext

__all__ = ["cli", "CliContext"]
