"""Errors that the CLI turns into exit codes."""
from __future__ import annotations


class RootfixError(Exception):
    """Base class for errors rootfix reports as one line."""


class UsageError(RootfixError):
    """Bad input or usage: the CLI prints ``rootfix: error: <message>`` and exits 2."""
