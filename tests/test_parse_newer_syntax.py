"""Files valid only in Python 3.12-3.14 are read on 3.11 with their lines intact; invalid files are E999 notes."""
from __future__ import annotations

import ast
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from rootfix.discover.index import RepoIndex
from rootfix.discover.parse import downgrade, parse_source, target_python
from rootfix.check.engine import run_check

DATA = Path(__file__).parent / "data" / "syntax"
NEWER = {"py312_fstrings.py": (3, 12), "py313_generics.py": (3, 13), "py314_except_commas.py": (3, 14),
         "py314_template_strings.py": (3, 14)}

_DUMP = """
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
out = []
for n in ast.walk(tree):
    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        out.append(["def", n.name, n.lineno, n.end_lineno])
    elif isinstance(n, ast.Call):
        out.append(["call", ast.unparse(n.func), n.lineno, n.end_lineno])
    elif isinstance(n, ast.Return):
        out.append(["return", "", n.lineno, n.end_lineno])
print(json.dumps(sorted(out)))
"""


def shape(tree: ast.Module) -> list[list[object]]:
    out: list[list[object]] = []
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.append(["def", n.name, n.lineno, n.end_lineno])
        elif isinstance(n, ast.Call):
            out.append(["call", ast.unparse(n.func), n.lineno, n.end_lineno])
        elif isinstance(n, ast.Return):
            out.append(["return", "", n.lineno, n.end_lineno])
    return sorted(out)


def interpreter(version: tuple[int, int]) -> str | None:
    """A real interpreter of that version (pyenv's or on PATH) that runs, else None."""
    cands = [str(c) for c in sorted(Path.home().glob(f".pyenv/versions/{version[0]}.{version[1]}.*/bin/python"))]
    cands.append(shutil.which(f"python{version[0]}.{version[1]}") or "")
    for cand in filter(None, cands):
        ok = subprocess.run([cand, "-c", "pass"], capture_output=True).returncode == 0
        if ok:
            return cand
    return None


@pytest.mark.parametrize("name", sorted(NEWER))
def test_newer_syntax_parses_with_the_lines_of_the_real_parser(name: str) -> None:
    src = (DATA / name).read_text()
    with pytest.raises(SyntaxError):
        ast.parse(src)  # this interpreter alone cannot read it: the test is about the rewrite
    parsed = parse_source(src, name)
    assert parsed.needs == NEWER[name]
    new, _ = downgrade(src)
    assert new.count("\n") == src.count("\n")
    ours = shape(parsed.tree)
    assert any(d[0] == "def" and d[1] == "after" for d in ours) or name == "py312_fstrings.py"
    py = interpreter(NEWER[name])
    if py is None:  # no such interpreter here: at least every def keeps its own line
        lines = src.splitlines()
        for kind, fname, line, _ in ours:
            if kind == "def":
                assert f"{fname}" in lines[int(line) - 1]
        return
    real = json.loads(subprocess.run([py, "-c", _DUMP, str(DATA / name)], capture_output=True, text=True,
                                     check=True).stdout)
    real_defs = [r for r in real if r[0] != "call"]
    assert [d for d in ours if d[0] != "call"] == real_defs
    # calls keep their lines; only string values inside rewritten f-string fields may differ
    assert [c[2:] for c in ours if c[0] == "call"] == [c[2:] for c in real if c[0] == "call"]


def test_fstring_fields_keep_their_names_and_calls() -> None:
    tree = parse_source((DATA / "py312_fstrings.py").read_text()).tree
    render = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "render")
    calls = {(ast.unparse(n.func), n.lineno) for n in ast.walk(render) if isinstance(n, ast.Call)}
    assert {("', '.join", 10), ("'_n'.join", 11), ("logger.info", 16), ("compute", 17)} <= calls
    subs = [n for n in ast.walk(render) if isinstance(n, ast.Subscript) and ast.unparse(n) == "order['id']"]
    assert sorted(n.lineno for n in subs) == [14, 16]


def test_invalid_file_stays_a_syntax_error_with_its_line() -> None:
    with pytest.raises(SyntaxError) as exc:
        parse_source("x = 1\nclass C[T](:\n    pass\n")
    assert exc.value.lineno == 2
    with pytest.raises(SyntaxError):
        parse_source((DATA / "invalid.py").read_text())


def test_index_reads_newer_files_and_notes_only_the_invalid_one(tmp_path: Path) -> None:
    for f in DATA.iterdir():
        shutil.copy(f, tmp_path / f.name)
    index = RepoIndex.build(tmp_path)
    assert sorted(index.by_path) == sorted(NEWER)
    assert index.lookup_function("py313_generics.Repo.get").line == 29
    assert [(e.path, e.analysed) for e in index.errors] == [("invalid.py", False)]


def test_target_python_and_notes_for_syntax_newer_than_the_target(tmp_path: Path) -> None:
    shutil.copy(DATA / "py312_fstrings.py", tmp_path / "report.py")
    assert target_python(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nrequires-python = ">=3.11,<4"\n')
    assert target_python(tmp_path) == ((3, 11), "requires-python")
    r = run_check([tmp_path], root=tmp_path, use_cache=False)
    assert r.errors == [("report.py", "PEP 701 f-string at line 10 needs Python 3.12; the project targets 3.11 "
                                      "(requires-python)")]
    assert r.exit_findings == 0  # a note alone does not fail the run
    assert run_check([tmp_path], root=tmp_path, use_cache=False, ignore="E999").errors == []
    assert run_check([tmp_path], root=tmp_path, use_cache=False, extend_select="E999").exit_findings == 1
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nrequires-python = ">=3.12"\n')
    assert run_check([tmp_path], root=tmp_path, use_cache=False).errors == []
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nclassifiers = ["Programming Language :: Python :: 3.13",'
        ' "Programming Language :: Python :: 3.12"]\n')
    assert target_python(tmp_path) == ((3, 12), "classifiers")
