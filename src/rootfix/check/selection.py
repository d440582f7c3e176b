"""Which rules run: ``--select`` / ``--ignore`` / ``--extend-select`` and ``per-file-ignores``.

A selector is a full code (``WRK301``), a prefix (``WRK3``, ``JOB``) or ``ALL``. As in ruff, for each code
the *most specific* matching selector decides (``--select WRK --ignore WRK3 --select WRK301`` runs WRK301
and the other WRK rules outside class 3); on a tie, ignore wins.

Defaults: every ``WRK``/``CMD``/``JOB``/``SPK`` rule except the opt-in ones (``Rule.default = False``: a class
whose findings on real code are mostly by design, e.g. CMD602), which run when a selector the user gave
names them (``--select CMD602``, ``--select CMD``, ``extend-select = ["CMD6"]``, ``ALL``). ``RFX100`` (unused
noqa) runs only when selected by code, by ``RFX`` or by ``ALL``, as ruff's RUF100.

Layering: ``--select`` on the command line replaces the config's ``select`` *and* its ``ignore``;
``--ignore`` and ``--extend-select`` add to the config's.
"""
from __future__ import annotations

import difflib
import fnmatch
import re
from dataclasses import dataclass
from typing import Iterable

from rootfix.errors import UsageError

DEFAULT_SELECT: tuple[str, ...] = ("WRK", "CMD", "JOB", "SPK")
#: Codes the engine itself reports (not rules in the registry).
ENGINE_CODES: dict[str, str] = {"RFX100": "unused-noqa", "E999": "syntax-error"}
#: Notes the engine always shows unless ignored (``--ignore E999``, ``per-file-ignores``); they make the exit
#: status 1 only when selected explicitly (``--select E999`` / ``extend-select = ["E999"]``).
NOTE_CODES: tuple[str, ...] = ("E999",)
#: Selectors that are well-formed even when no rule of that prefix is registered yet.
_WELL_FORMED = re.compile(r"^(ALL|(WRK|CMD|JOB|SPK)([1-6](\d\d?)?)?|RFX(\d{1,3})?|E(9(9(9)?)?)?)$")


def split_codes(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"WRK3, JOB"`` -> ``("WRK3", "JOB")`` (upper-cased, empties dropped)."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    return tuple(s.strip().upper() for item in items for s in str(item).split(",") if s.strip())


def matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def specificity(selector: str) -> int:
    return 0 if selector == "ALL" else len(selector)


def validate_selectors(selectors: Iterable[str], known: Iterable[str], *, source: str) -> None:
    """UsageError (one line, with the closest codes) for a selector that can never match."""
    known = list(known)
    for sel in selectors:
        if any(matches(sel, code) for code in known) or _WELL_FORMED.match(sel):
            continue
        close = difflib.get_close_matches(sel, known, n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UsageError(f"{source}: unknown rule selector {sel!r}{hint}")


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...]
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: the default selectors in ``select`` (no user selection): they do not turn on ``opt_in`` codes
    implicit: tuple[str, ...] = ()
    #: codes of opt-in rules: enabled only by a selector the user gave
    opt_in: frozenset[str] = frozenset()

    def enabled(self, code: str) -> bool:
        best: tuple[int, int] | None = None  # (specificity, 1 for ignore so ignore wins ties)
        selectors = self.select if code not in self.opt_in else \
            [sel for i, sel in enumerate(self.select) if i >= len(self.implicit)]
        for sel in selectors:
            if matches(sel, code):
                cand = (specificity(sel), 0)
                best = cand if best is None or cand > best else best
        for sel in self.ignore:
            if matches(sel, code):
                cand = (specificity(sel), 1)
                best = cand if best is None or cand > best else best
        return best is not None and best[1] == 0

    def codes(self, known: Iterable[str]) -> list[str]:
        """The enabled codes among ``known``, sorted. RFX codes need an explicit selector."""
        out = []
        for code in sorted(known):
            if not self.enabled(code):
                continue
            out.append(code)
        return out

    def ignored_in_file(self, path: str, code: str) -> bool:
        """True when ``per-file-ignores`` switches ``code`` off for repo-relative ``path``."""
        for glob, codes in self.per_file_ignores:
            if path_matches(path, glob) and any(matches(c, code) for c in codes):
                return True
        return False

    def note_shown(self, path: str, code: str = "E999") -> bool:
        """A note (E999) is shown unless an ignore selector or ``per-file-ignores`` names it (``ALL`` does not)."""
        if self.ignored_in_file(path, code):
            return False
        if any(sel != "ALL" and matches(sel, code) for sel in self.ignore):
            return self.enabled(code)
        return True

    def note_fails(self, code: str = "E999") -> bool:
        """A note counts for the exit status only when a selector names it (``E999``, ``E9``, ``E``)."""
        return any(sel != "ALL" and matches(sel, code) for sel in self.select) and self.enabled(code)

    def key(self) -> str:
        return repr((self.select, self.ignore, self.per_file_ignores, self.implicit, sorted(self.opt_in)))


def path_matches(path: str, glob: str) -> bool:
    """``glob`` matches a repo-relative POSIX path, one of its folders, or (no ``/`` in glob) a name in it."""
    glob = glob.strip()
    if glob.startswith("./"):
        glob = glob[2:]
    if fnmatch.fnmatchcase(path, glob) or fnmatch.fnmatchcase(path, glob.rstrip("/") + "/*"):
        return True
    if "/" not in glob.rstrip("/"):
        return any(fnmatch.fnmatchcase(part, glob.rstrip("/")) for part in path.split("/"))
    return False


def build_selection(known: Iterable[str], *, cli_select: str | Iterable[str] | None = None,
                    cli_ignore: str | Iterable[str] | None = None,
                    cli_extend_select: str | Iterable[str] | None = None,
                    config=None, opt_in: Iterable[str] = ()) -> Selection:
    """The selection from the command line layered over the config (see the module docstring);
    ``opt_in``: the codes of rules that are off unless a user's selector names them."""
    known = list(known)
    cs, ci, ce = split_codes(cli_select), split_codes(cli_ignore), split_codes(cli_extend_select)
    validate_selectors(cs, known, source="--select")
    validate_selectors(ci, known, source="--ignore")
    validate_selectors(ce, known, source="--extend-select")
    cfg_select = split_codes(config.select) if config is not None and config.select is not None else None
    cfg_ignore = split_codes(config.ignore) if config is not None else ()
    cfg_extend = split_codes(config.extend_select) if config is not None else ()
    pfi = tuple((g, split_codes(c)) for g, c in config.per_file_ignores) if config is not None else ()
    where = str(config.path) if config is not None and config.path else "config"
    for sels in (cfg_select or (), cfg_ignore, cfg_extend):
        validate_selectors(sels, known, source=where)
    for _, codes in pfi:
        validate_selectors(codes, known, source=f"{where} per-file-ignores")
    implicit: tuple[str, ...] = ()
    if cs:
        select, ignore = cs, ci
    else:
        select = cfg_select if cfg_select is not None else DEFAULT_SELECT
        implicit = tuple(select) if cfg_select is None else ()
        ignore = cfg_ignore + ci
    return Selection(select=tuple(select) + cfg_extend + ce, ignore=tuple(ignore), per_file_ignores=pfi,
                     implicit=implicit, opt_in=frozenset(opt_in))
