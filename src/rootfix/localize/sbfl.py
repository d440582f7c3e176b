"""Spectrum-based fault localization: Ochiai and DStar suspiciousness per line and per function."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rootfix.types import Spectrum

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex


def ochiai(failed_cov: int, passed_cov: int, total_failed: int) -> float:
    denom = math.sqrt(total_failed * (failed_cov + passed_cov))
    return failed_cov / denom if denom else 0.0


def dstar(failed_cov: int, passed_cov: int, total_failed: int, star: int = 2) -> float:
    denom = passed_cov + (total_failed - failed_cov)
    if denom == 0:
        return float("inf") if failed_cov else 0.0
    return failed_cov ** star / denom


def line_scores(spectrum: Spectrum, formula: str = "ochiai") -> dict[tuple[str, int], float]:
    """Suspiciousness of every covered line; empty when no test failed."""
    total_failed = len(spectrum.failed)
    if not total_failed:
        return {}
    out: dict[tuple[str, int], float] = {}
    for file, lines in spectrum.covered.items():
        for line, tests in lines.items():
            ef = len(tests & spectrum.failed)
            ep = len(tests & spectrum.passed)
            if not ef:
                continue
            out[(file, line)] = ochiai(ef, ep, total_failed) if formula == "ochiai" else dstar(ef, ep, total_failed)
    return out


def function_scores(index: "RepoIndex", spectrum: Spectrum) -> dict[str, tuple[float, int]]:
    """qualname -> (best Ochiai score of its lines, the best line)."""
    best: dict[str, tuple[float, int]] = {}
    for (file, line), score in line_scores(spectrum).items():
        fn = index.enclosing_function(file, line)
        if fn is None:
            continue
        if score > best.get(fn.qualname, (0.0, 0))[0]:
            best[fn.qualname] = (score, line)
    return best
