"""The project's own style settings, read from its configuration files (no tool is run)."""
from __future__ import annotations

import configparser
import tomllib
from pathlib import Path


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def line_length(root: Path) -> int | None:
    """The project's line length: ruff's, black's, or flake8's ``max-line-length``; None when not set."""
    py = _toml(root / "pyproject.toml")
    tool = py.get("tool", {}) if isinstance(py.get("tool"), dict) else {}
    for cfg in (tool.get("ruff", {}), _toml(root / "ruff.toml"), _toml(root / ".ruff.toml"), tool.get("black", {})):
        if isinstance(cfg, dict) and isinstance(cfg.get("line-length"), int):
            return cfg["line-length"]
    for name in ("setup.cfg", "tox.ini", ".flake8"):
        f = root / name
        if not f.is_file():
            continue
        cp = configparser.ConfigParser(interpolation=None)
        try:
            cp.read(f, encoding="utf-8")
            value = cp.get("flake8", "max-line-length", fallback=None)
        except (configparser.Error, UnicodeDecodeError):
            value = None
        if value and value.strip().isdigit():
            return int(value.strip())
    return None
