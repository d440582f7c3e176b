import sys


def confirm_or_exit(question):
    """Used by the interactive shell tools, not by the management commands."""
    if input(f"{question} [y/N] ").strip().lower() != "y":
        sys.exit(0)
