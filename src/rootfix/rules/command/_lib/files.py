"""Files a command or job opens, read statically (pure functions over ``ast``): which call opens which path,
in which mode, with which encoding, and whether the path is resolved against the current directory.

Semantics (CPython's ``io.open``, ``pathlib``, ``gzip``/``bz2``/``lzma``, ``codecs``):

* ``open(file, mode="r", buffering=-1, encoding=None, ...)``: text mode unless ``"b"`` is in ``mode``; a text
  file without ``encoding`` uses ``locale.getpreferredencoding(False)``;
* ``gzip.open`` / ``bz2.open`` / ``lzma.open`` default to ``"rb"``: text only with ``"t"`` in the mode;
* ``codecs.open(filename, mode="r", encoding=None)``: without an encoding it is ``builtins.open`` in that mode;
* ``Path.open(mode="r", buffering=-1, encoding=None)``, ``Path.read_text(encoding=None)``,
  ``Path.write_text(data, encoding=None)``: the same locale default;
* a relative path (``"exports/out.csv"``, ``Path("out.csv")``, ``os.path.join("data", name)``, also after
  ``os.path.abspath`` or ``.resolve()``) is resolved against the process's working directory.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from rootfix.rules.command._lib.writes import walk_no_defs
from rootfix.discover.walk import walk_tree

Resolver = Callable[[ast.expr], "str | None"]

#: opener -> (index of the mode argument, index of the encoding argument, default mode)
OPENERS = {
    "open": (1, 3, "r"), "builtins.open": (1, 3, "r"), "io.open": (1, 3, "r"),
    "codecs.open": (1, 2, "r"),
    "gzip.open": (1, 3, "rb"), "bz2.open": (1, 3, "rb"), "lzma.open": (1, 4, "rb"),
}
PATH_CTORS = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.WindowsPath"})
#: Path methods that read or write the file: method -> (mode argument index, encoding argument index)
PATH_IO = {"open": (0, 2), "read_text": (None, 0), "write_text": (None, 1)}
#: further calls whose first argument is a path the command reads or writes
PATH_SINKS = frozenset({
    "os.makedirs", "os.mkdir", "os.remove", "os.unlink", "os.rename", "os.replace", "shutil.copy",
    "shutil.copyfile", "shutil.copy2", "shutil.move", "shutil.rmtree", "csv.writer", "json.dump",
})
_ABSOLUTE = re.compile(r"^(/|~|\\\\|[A-Za-z]:[\\/])")


@dataclass(frozen=True)
class FileOpen:
    """One call that opens (or reads / writes) a file."""

    call: ast.Call
    path: ast.expr | None  # the path expression (None: not given positionally / by keyword)
    mode: str | None  # the literal mode, the default when absent; None when not a literal
    default_text: bool  # the opener is text by default (open / Path) rather than binary (gzip)
    encoding: bool  # an encoding is given

    @property
    def text(self) -> bool:
        """Text mode for certain (an unknown mode is not reported)."""
        if self.mode is None:
            return False
        return "b" not in self.mode and (self.default_text or "t" in self.mode)


def _arg(call: ast.Call, index: int | None, name: str) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    if index is not None and index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args):
        return call.args[index]
    return None


def _literal_mode(expr: ast.expr | None, default: str) -> str | None:
    if expr is None:
        return default
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None


def is_path_expr(expr: ast.expr, resolve: Resolver, names: dict[str, ast.expr]) -> bool:
    """``expr`` is a pathlib path: ``Path(...)``, ``base / "x"``, a name bound to one, ``settings.X_DIR / ...``."""
    if isinstance(expr, ast.Call):
        if (resolve(expr.func) or "") in PATH_CTORS:
            return True
        return isinstance(expr.func, ast.Attribute) and expr.func.attr in (
            "resolve", "absolute", "with_suffix", "with_name", "joinpath", "expanduser")
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
        return True
    if isinstance(expr, ast.Name) and expr.id in names:
        return is_path_expr(names[expr.id], resolve, {})
    return False


def local_bindings(fn: ast.AST) -> dict[str, ast.expr]:
    """Names bound exactly once in ``fn`` (``path = "out.csv"``) -> their value."""
    bound: dict[str, list[ast.expr]] = {}
    for node in walk_no_defs(fn):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            bound.setdefault(node.targets[0].id, []).append(node.value)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For)) and isinstance(
                getattr(node, "target", None), ast.Name):
            bound.setdefault(node.target.id, []).extend([ast.Constant(None), ast.Constant(None)])
    return {name: values[0] for name, values in bound.items() if len(values) == 1}


def file_opens(fn: ast.AST, resolve: Resolver) -> Iterator[FileOpen]:
    """Every call in ``fn`` (nested defs excluded) that opens a file, with its path, mode and encoding."""
    names = local_bindings(fn)
    for node in walk_no_defs(fn):
        if not isinstance(node, ast.Call):
            continue
        target = resolve(node.func) or ""
        if target in OPENERS:
            mode_i, enc_i, default = OPENERS[target]
            path = _arg(node, 0, "filename" if target in ("gzip.open", "bz2.open", "lzma.open", "codecs.open")
                        else "file")
            yield FileOpen(node, path, _literal_mode(_arg(node, mode_i, "mode"), default),
                           not default.endswith("b"), _arg(node, enc_i, "encoding") is not None)
        elif isinstance(node.func, ast.Attribute) and node.func.attr in PATH_IO:
            receiver = node.func.value
            # read_text / write_text are pathlib's; .open() only on something known to be a Path
            if node.func.attr == "open" and not is_path_expr(receiver, resolve, names):
                continue
            if node.func.attr != "open" and isinstance(receiver, ast.Name) and resolve(receiver) \
                    and receiver.id not in names:
                continue  # a module's read_text(), not a path's
            mode_i, enc_i = PATH_IO[node.func.attr]
            mode = _literal_mode(_arg(node, mode_i, "mode"), "r") if mode_i is not None else (
                "w" if node.func.attr == "write_text" else "r")
            yield FileOpen(node, receiver, mode, True, _arg(node, enc_i, "encoding") is not None)


def relative_path(expr: ast.expr | None, resolve: Resolver, names: dict[str, ast.expr], depth: int = 0,
                  setting: "Callable[[ast.expr], str | None] | None" = None) -> str | None:
    """The cwd-relative literal ``expr`` is built from (``"exports/out.csv"``), or None when the path is
    absolute, built from settings / ``__file__`` / an argument, or not known. ``setting`` says which relative
    folder a settings read is (``library_setting("LOAN_SHEETS_DIR")`` -> ``"exports/loan-sheets"``)."""
    if expr is None or depth > 4:
        return None
    if setting is not None:
        value = setting(expr)
        if value is not None:
            return value
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        text = expr.value
        if not text or text == "-" or _ABSOLUTE.match(text) or "://" in text or "{" in text:
            return None
        return text
    if isinstance(expr, ast.JoinedStr):
        first = expr.values[0] if expr.values else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            literal = relative_path(first, resolve, names, depth + 1, setting)
            return f"{literal}..." if literal else None
        return None
    if isinstance(expr, ast.Name):
        value = names.get(expr.id)
        return relative_path(value, resolve, {k: v for k, v in names.items() if k != expr.id}, depth + 1,
                             setting) if value is not None else None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
        return _under(relative_path(expr.left, resolve, names, depth + 1, setting))
    if isinstance(expr, ast.Call):
        target = resolve(expr.func) or ""
        if target in PATH_CTORS or target in ("os.path.join", "os.path.abspath", "os.path.realpath",
                                             "os.path.normpath", "os.fspath", "str", "os.path.dirname"):
            first = relative_path(expr.args[0], resolve, names, depth + 1, setting) if expr.args else None
            return _under(first) if len(expr.args) > 1 else first
        if isinstance(expr.func, ast.Attribute) and expr.func.attr in ("resolve", "absolute", "joinpath",
                                                                       "with_suffix", "with_name"):
            inner = relative_path(expr.func.value, resolve, names, depth + 1, setting)
            return _under(inner) if expr.func.attr == "joinpath" and expr.args else inner
    return None


def _under(directory: str | None) -> str | None:
    """``"reports"`` joined with more parts: ``"reports/..."`` (a directory, not a bare file name)."""
    return None if directory is None else f"{directory.rstrip('/')}/..."


def changes_directory(fn: ast.AST, resolve: Resolver) -> bool:
    """The function sets its own working directory (``os.chdir``): relative paths are then deliberate."""
    return any(isinstance(n, ast.Call) and (resolve(n.func) or "") == "os.chdir" for n in walk_no_defs(fn))


def path_sinks(fn: ast.AST, resolve: Resolver) -> Iterator[tuple[ast.Call, ast.expr]]:
    """``(call, path expression)`` for every file the function opens, reads, writes, creates or removes."""
    names = local_bindings(fn)
    seen: set[int] = set()
    for opened in file_opens(fn, resolve):
        if opened.path is not None:
            seen.add(id(opened.call))
            yield opened.call, opened.path
    for node in walk_no_defs(fn):
        if not isinstance(node, ast.Call) or id(node) in seen:
            continue
        target = resolve(node.func) or ""
        if target in PATH_SINKS and node.args and target not in ("csv.writer", "json.dump"):
            yield node, node.args[0]
        elif isinstance(node.func, ast.Attribute) and node.func.attr in (
                "mkdir", "unlink", "touch", "write_bytes", "read_bytes", "to_csv", "to_excel", "to_json") \
                and is_path_expr(node.func.value, resolve, names):
            yield node, node.func.value
        elif isinstance(node.func, ast.Attribute) and node.func.attr in ("to_csv", "to_excel", "to_json") \
                and node.args:
            yield node, node.args[0]


# --------------------------------------------------------------------------- folders named in settings
#: settings keys that name a folder or a file (``EXPORT_DIR``, ``LOAN_SHEETS_DIR``, ``REPORT_PATH``)
_FOLDER_KEY = re.compile(r"(^|_)(DIR|DIRS|DIRECTORY|FOLDER|PATH|FILE|ROOT)$")
_RELATIVE = re.compile(r"^[\w.-]+(/[\w.-]+)*/?$")
#: settings that are the roots project folders hang under
ROOTS = re.compile(r"^(BASE_DIR|MEDIA_ROOT|STATIC_ROOT|[A-Z_]*_ROOT|[A-Z_]*_HOME)$")


def settings_folders(index) -> dict[str, str]:
    """``KEY`` -> value, for the relative folder names the settings modules hold inside dict settings
    (``CHOIR_LIBRARY = {"LOAN_SHEETS_DIR": "exports/loan-sheets"}``) or as top-level names."""
    cached = index.__dict__.get("_rootfix_settings_folders")
    if cached is not None:
        return cached
    out: dict[str, str] = {}
    for info in index.by_path.values():
        if "settings" not in info.path.rsplit("/", 1)[-1] and "/settings/" not in f"/{info.path}":
            continue
        for node in walk_tree(info.tree):
            pairs = []
            if isinstance(node, ast.Dict):
                pairs = [(k.value, v) for k, v in zip(node.keys, node.values)
                         if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                pairs = [(node.targets[0].id, node.value)]
            for key, value in pairs:
                if _FOLDER_KEY.search(key) and isinstance(value, ast.Constant) and isinstance(value.value, str) \
                        and _RELATIVE.match(value.value) and not _ABSOLUTE.match(value.value):
                    out.setdefault(key, value.value)
    index.__dict__["_rootfix_settings_folders"] = out
    return out


def settings_read(index, module, expr: ast.expr) -> str | None:
    """The settings key ``expr`` reads: ``conf("KEY")`` / ``conf.get("KEY")`` of a project accessor that reads
    settings, ``settings.X["KEY"]`` / ``settings.X.get("KEY")``, ``settings.KEY``; None otherwise."""
    if isinstance(expr, ast.Attribute) and (index.resolve(module, expr.value) or "").endswith("django.conf.settings"):
        return expr.attr
    if isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant) and isinstance(expr.slice.value, str) \
            and "settings" in ast.unparse(expr.value):
        return expr.slice.value
    if isinstance(expr, ast.Call) and len(expr.args) >= 1 and isinstance(expr.args[0], ast.Constant) \
            and isinstance(expr.args[0].value, str):
        if isinstance(expr.func, ast.Attribute) and expr.func.attr == "get" and "settings" in ast.unparse(expr.func.value):
            return expr.args[0].value
        target = index.resolve(module, expr.func) or ""
        found = index.lookup_function(target) if target else None
        if found is not None and "settings" in ast.unparse(found.node):
            return expr.args[0].value
    return None


def settings_folder(index, module, expr: ast.expr) -> str | None:
    """The relative folder a settings read holds (``"exports/loan-sheets"``), or None."""
    key = settings_read(index, module, expr)
    return settings_folders(index).get(key) if key and not ROOTS.match(key) else None


def root_wrapper(index, module, key: str) -> str | None:
    """How the module puts another folder of the same settings under its root: the name of a project function
    ``W`` called as ``W(<settings read of another folder key>)`` whose body reads a root setting
    (``MEDIA_ROOT``, ``BASE_DIR``); None when the module has no such habit."""
    for node in walk_tree(module.tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
            continue
        inner = node.args[0]
        other = settings_read(index, module, inner)
        if other is None or other == key or other not in settings_folders(index):
            continue
        target = index.resolve(module, node.func) or ""
        found = index.lookup_function(target) if target else None
        if found is None:
            continue
        if any(isinstance(n, ast.Attribute) and ROOTS.match(n.attr) for n in walk_tree(found.node)):
            return node.func.id
    return None
