"""Stage 6: candidate fixes — rule codemods with regression tests, and an optional LLM backend.

See :mod:`rootfix.fix.strategies` for the strategy protocol and registry and
:mod:`rootfix.fix.llm` for the OpenAI-compatible backend.
"""
from __future__ import annotations

from rootfix.fix.strategies import FixContext, FixStrategy, Proposals, RuleStrategy, register, strategies

__all__ = ["FixContext", "FixStrategy", "Proposals", "RuleStrategy", "register", "strategies"]
