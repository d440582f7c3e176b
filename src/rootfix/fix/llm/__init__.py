"""An optional LLM backend for bugs no rule knows: any OpenAI-compatible chat-completions endpoint.

``rootfix fix BUG.yaml --llm URL --model M`` sends the rendered bug-fix template plus the context
rootfix gathered, asks for SEARCH/REPLACE edits and a regression test, and turns each answer into a
candidate (strategy ``llm:M``) that is validated like any other. Failures (HTTP errors, timeouts,
edits that do not apply) become rejected candidates with the reason, never a crash.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from rootfix.fix.llm.client import LLMError, chat
from rootfix.fix.llm.edits import EditError, apply_edits, parse_edits
from rootfix.fix.llm.prompt import build_messages
from rootfix.fix.strategies import FixContext, Proposals, is_test_path, rejected, smallest_first, test_nodeids
from rootfix.types import Candidate, Patch


@dataclass(frozen=True)
class LLMConfig:
    """Where and how to ask."""

    url: str
    model: str
    #: answers requested (the first at temperature 0, the others sampled)
    samples: int = 2
    temperature: float = 0.7
    timeout: float = 180.0

    @classmethod
    def from_flags(cls, url: str, model: str | None) -> "LLMConfig":
        samples = os.environ.get("ROOTFIX_LLM_SAMPLES", "")
        return cls(url=url, model=model or "default", samples=int(samples) if samples.isdigit() and int(samples) > 0
                   else 2)


def candidate_from_answer(ctx: FixContext, strategy: str, answer: str) -> Candidate:
    """A candidate from one answer (raises EditError when its edits cannot be used)."""
    patch, created = apply_edits(ctx.repo, parse_edits(answer))
    for c in patch.changes:
        if c.old is not None and is_test_path(c.path):
            raise EditError(f"{c.path}: the answer edits an existing test")
    tests = tuple(p for p in created if is_test_path(p))
    nodeids: tuple[str, ...] = ()
    for c in patch.changes:
        if c.path in tests:
            nodeids += test_nodeids(c.path, c.new)
    patch = Patch(patch.changes, tests_added=tests)
    if not patch.files:
        raise EditError("the answer only adds tests; it changes no code")
    explanation = answer.split("<<<<<<<", 1)[0].strip()
    # the prose before the first block, without a trailing path line / fence
    lines = [ln for ln in explanation.splitlines() if ln.strip()]
    while lines and (lines[-1].strip().startswith("```") or "/" in lines[-1] and " " not in lines[-1].strip()):
        lines.pop()
    return Candidate(strategy=strategy, patch=patch, explanation="\n".join(lines)[:2000],
                     regression_tests=nodeids)


class LLMStrategy:
    """Candidates from an OpenAI-compatible endpoint (enabled by ``--llm``)."""

    name = "llm"

    def enabled(self, ctx: FixContext) -> bool:
        return isinstance(ctx.options.get("llm"), LLMConfig)

    def propose(self, ctx: FixContext) -> Proposals:
        cfg: LLMConfig = ctx.options["llm"]
        strategy = f"llm:{cfg.model}"
        out = Proposals()
        try:
            messages = build_messages(ctx)
        except Exception as exc:  # context gathering must never stop the run
            out.rejected.append(rejected(strategy, f"could not build the prompt: {type(exc).__name__}: {exc}"))
            return out
        for i in range(max(1, cfg.samples)):
            ctx.progress("fix", f"asking {cfg.model} at {cfg.url} (answer {i + 1}/{cfg.samples})")
            try:
                answer = chat(cfg.url, cfg.model, messages, temperature=0.0 if i == 0 else cfg.temperature,
                              timeout=cfg.timeout)
            except LLMError as exc:
                out.rejected.append(rejected(strategy, f"LLM request failed: {exc}"))
                break  # the endpoint is down or refusing: more requests would fail the same way
            try:
                out.candidates.append(candidate_from_answer(ctx, strategy, answer))
            except EditError as exc:
                out.rejected.append(rejected(strategy, f"unusable edits: {exc}", explanation=answer[:2000]))
        out.candidates = smallest_first(out.candidates)
        return out


__all__ = ["LLMConfig", "LLMError", "LLMStrategy", "build_messages", "candidate_from_answer", "chat"]
