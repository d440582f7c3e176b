"""The mutation benchmark's data (bench/localize/mutants/*.yaml) still applies to the fixture projects:
every mutant's ``original`` occurs exactly once in its file, lies in its ``symbol`` (found with ``ast``),
and the mutated file parses."""
from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_localize_mutants", ROOT / "bench" / "localize" / "mutants.py")
mutants = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mutants)


def test_mutants_apply_where_they_say():
    ms = mutants.load_mutants()
    assert len(ms) >= 100
    bad = {m.get("id", "?"): p for m in ms if (p := mutants.problems(m))}
    assert not bad, bad


def test_mutant_ids_unique_and_halves_balanced():
    ms = mutants.load_mutants()
    ids = Counter(m["id"] for m in ms)
    assert not [i for i, n in ids.items() if n > 1]
    halves = Counter(m["half"] for m in ms)
    assert abs(halves["tuning"] - halves["untouched"]) <= 2, halves
