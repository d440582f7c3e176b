"""``[tool.rootfix]`` in ``pyproject.toml``: the project's settings for ``rootfix check``.

The file is found by walking up from the first checked path (or named with ``--config``)::

    [tool.rootfix]
    select = ["WRK", "JOB4"]          # codes, prefixes or "ALL" (default: every WRK/CMD/JOB/SPK rule)
    ignore = ["WRK501"]
    extend-select = ["RFX100"]        # added to select (RFX100: unused noqa codes)
    exclude = ["migrations/*", "legacy/**"]   # globs on repo-relative paths
    per-file-ignores = {"tests/*" = ["WRK"]}
    all-code = true                   # check all code, not only code reachable from components

An unknown key or a value of the wrong type is a :class:`~rootfix.errors.UsageError` (one line).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from rootfix.errors import UsageError

#: Markers of a project root, used when no ``[tool.rootfix]`` section is found.
ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", "manage.py", ".git")
#: Installed packages are their own source root (``rootfix check .venv/.../site-packages/django``).
PACKAGE_DIRS = ("site-packages", "dist-packages")


@dataclass(frozen=True)
class Config:
    """The ``[tool.rootfix]`` table, validated. ``path`` is None when no file was found."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    all_code: bool = False
    # keys under [tool.rootfix] that other commands read (fix/validate); accepted and kept as is
    extra: dict[str, object] = field(default_factory=dict)


_LIST_KEYS = {"select", "ignore", "extend-select", "exclude"}
#: Keys other rootfix commands read from the same table; ``check`` accepts and ignores them.
_OTHER_KEYS = {"python", "test-command", "llm", "model", "timeout", "jobs", "template"}


def _str_list(value: object, key: str, where: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where}: [tool.rootfix] {key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def parse_config(data: dict[str, object], where: Path) -> Config:
    """Validate a ``[tool.rootfix]`` table (already parsed from TOML)."""
    kwargs: dict[str, object] = {}
    extra: dict[str, object] = {}
    for key, value in data.items():
        if key in _LIST_KEYS:
            kwargs[key.replace("-", "_")] = _str_list(value, key, where)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise UsageError(f"{where}: [tool.rootfix] per-file-ignores must be a table of glob = [codes]")
            kwargs["per_file_ignores"] = tuple(
                (str(glob), _str_list(codes, f"per-file-ignores.{glob!r}", where)) for glob, codes in value.items())
        elif key == "all-code":
            if not isinstance(value, bool):
                raise UsageError(f"{where}: [tool.rootfix] all-code must be true or false")
            kwargs["all_code"] = value
        elif key in _OTHER_KEYS:
            extra[key] = value
        else:
            known = sorted(_LIST_KEYS | _OTHER_KEYS | {"per-file-ignores", "all-code"})
            import difflib

            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise UsageError(f"{where}: unknown key {key!r} in [tool.rootfix]{hint}")
    return Config(path=where, extra=extra, **kwargs)  # type: ignore[arg-type]


def read_config(path: Path) -> Config:
    """Read ``[tool.rootfix]`` from ``path`` (an empty Config when the file has no such table)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--config {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("rootfix") if isinstance(data.get("tool"), dict) else None
    if table is None:
        return Config(path=path)
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.rootfix] must be a table")
    return parse_config(table, path)


def _has_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "rootfix" not in text:
        return False
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        return "tool.rootfix" in text  # read_config reports the broken file
    return isinstance(tool, dict) and "rootfix" in tool


def find_project(first_path: Path, config_file: str | Path | None = None, cwd: Path | None = None
                 ) -> tuple[Path, Config]:
    """The project root and its config for a check starting at ``first_path``.

    * ``--config FILE``: FILE's folder is the root.
    * else the nearest ``pyproject.toml`` with ``[tool.rootfix]`` above ``first_path``;
    * else the nearest folder with a project marker (pyproject.toml, setup.cfg, setup.py, manage.py, .git),
      or the current folder when it holds ``first_path`` and nothing closer marks a root;
    * an installed package (below ``site-packages``) has site-packages as its root.
    """
    if config_file is not None:
        cfg_path = Path(config_file).resolve()
        if not cfg_path.is_file():
            raise UsageError(f"--config {config_file}: no such file")
        return cfg_path.parent, read_config(cfg_path)
    start = first_path.resolve()
    if not start.is_dir():
        start = start.parent
    cwd = (cwd or Path.cwd()).resolve()
    marker_root: Path | None = None
    for folder in (start, *start.parents):
        if folder.name in PACKAGE_DIRS:
            return folder, Config()
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_section(pyproject):
            return folder, read_config(pyproject)
        if marker_root is None and (folder == cwd or any((folder / m).exists() for m in ROOT_MARKERS)):
            marker_root = folder
    return (marker_root or start), Config()
