"""Templates: the seed template itself, the bundled default, and strict rendering."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rootfix.errors import UsageError
from rootfix.intake.report import load_report
from rootfix.intake.template import MISSING_OPTIONAL, load_template, parse_template, render

SIX = ["component_type", "component_name", "bug_description", "expected_behavior", "actual_behavior",
       "error_message"]


@pytest.fixture
def seed(seed_template: Path) -> Path:
    """The seed template beside the clone (skips, naming the path, when ../shared is absent)."""
    return seed_template


def _error(fn, *args, **kw) -> str:
    with pytest.raises(UsageError) as info:
        fn(*args, **kw)
    assert "\n" not in str(info.value)
    return str(info.value)


def test_seed_template_parses(seed: Path) -> None:
    t = load_template(str(seed))
    assert t.name == "Generic Bug Fix Template" and t.category == "bug-fix" and t.version == "1.0"
    assert [v.name for v in t.variables] == SIX
    assert [v.required for v in t.variables] == [True] * 5 + [False]
    assert t.body.startswith("# Generic Bug Fix Template")
    assert t.path == str(seed)


def test_seed_template_renders_example_report(seed: Path, examples_dir: Path) -> None:
    report = load_report(str(examples_dir / "cases" / "ex-bw-retry" / "bug.yaml"), {})
    out = render(load_template(str(seed)), report.variables())
    assert "{{" not in out and "}}" not in out
    assert "Component type: `background-worker`" in out
    assert "newsletter.tasks.deliver_issue" in out
    assert "celery.exceptions.Retry: Retry in 60s" in out


def test_report_missing_a_variable_the_seed_requires(seed: Path, tmp_path: Path) -> None:
    bug = tmp_path / "bug.yaml"
    bug.write_text("component_type: cli-tool\ncomponent_name: import_users\nbug_description: x\n"
                   "expected_behavior: y\n", encoding="utf-8")
    msg = _error(load_report, str(bug), {}, template_path=str(seed))
    assert "missing required key 'actual_behavior'" in msg and "bug.yaml" in msg
    # and rendering directly with the variable missing fails too
    vars_ = {"component_type": "cli-tool", "component_name": "import_users", "bug_description": "x",
             "expected_behavior": "y"}
    msg = _error(render, load_template(str(seed)), vars_)
    assert "actual_behavior" in msg and "required" in msg


def test_optional_variable_missing_renders_clear_text(seed: Path) -> None:
    vars_ = dict.fromkeys(SIX[:5], "v")
    out = render(load_template(str(seed)), vars_)
    assert f"Review error messages/logs: `{MISSING_OPTIONAL}`" in out


def test_bundled_default_template() -> None:
    t = load_template()
    names = [v.name for v in t.variables]
    assert names[:6] == SIX and {"reproduce", "test_command"} <= set(names)
    assert [v.name for v in t.variables if v.required] == SIX[:5]
    for cls in [f"W{i}" for i in range(1, 7)] + [f"C{i}" for i in range(1, 7)] + \
               [f"S{i}" for i in range(1, 6)] + [f"P{i}" for i in range(1, 7)]:
        assert re.search(rf"\b{cls} ", t.body), cls


def test_bundled_default_template_is_not_the_seed(seed: Path) -> None:
    assert load_template().body != parse_template(seed.read_text(encoding="utf-8")).body


def test_bundled_default_template_renders_every_example_report(examples_dir: Path) -> None:
    t = load_template()
    cases = sorted((examples_dir / "cases").glob("*/bug.yaml"))
    assert cases
    for case in cases:
        report = load_report(str(case), {})
        out = render(t, report.variables())
        assert "{{" not in out and report.component_name in out
        assert f"Reproduction: {MISSING_OPTIONAL}" in out


def test_default_template_is_package_data(tmp_path: Path) -> None:
    # setuptools' real build (build_py, the step that collects package data for a wheel), run on a copy of the
    # project so the shared working tree gets no build/ or egg-info from it
    root = Path(__file__).resolve().parents[1]
    proj = tmp_path / "proj"
    proj.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, proj / name)
    shutil.copytree(root / "src", proj / "src",
                    ignore=shutil.ignore_patterns("*.egg-info", "__pycache__", "*.pyc"))
    subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py",
                    "--build-lib", str(tmp_path / "out")], cwd=proj, check=True, capture_output=True)
    built = tmp_path / "out" / "rootfix" / "intake" / "templates" / "bug-fix.md"
    assert built.read_text(encoding="utf-8") == (root / "src/rootfix/intake/templates/bug-fix.md").read_text(
        encoding="utf-8")
    # and the installed package finds it through importlib.resources
    assert load_template().path == "<bundled bug-fix.md>"


def test_placeholder_spacing_and_strictness() -> None:
    t = parse_template("---\nname: t\nvariables:\n  - {name: a, required: true}\n  - {name: b}\n---\n"
                       "A={{a}} A2={{ a }} B={{  b  }}\n", path="t.md")
    assert render(t, {"a": "1"}) == f"A=1 A2=1 B={MISSING_OPTIONAL}\n"
    assert render(t, {"a": "1", "b": "2"}) == "A=1 A2=1 B=2\n"
    undeclared = parse_template("---\nname: t\nvariables:\n  - name: a\n---\n{{a}} {{ team }}\n", path="u.md")
    msg = _error(render, undeclared, {"a": "1", "team": "x"})
    assert "{{team}}" in msg and "not declared" in msg and "u.md" in msg
    assert "required" in _error(render, t, {"a": " "})


@pytest.mark.parametrize("text, problem", [
    ("no front matter\n", "no front matter"),
    ("---\nname: t\n", "not closed"),
    ("---\nname: [t\n---\nbody\n", "malformed front matter"),
    ("---\n- a\n---\nbody\n", "must be a mapping"),
    ("---\nname: t\nvariables: a\n---\n", "must be a list"),
    ("---\nname: t\nvariables:\n  - {name: a}\n  - {name: a}\n---\n", "declared twice"),
    ("---\nname: t\nvariables:\n  - {name: 'a b'}\n---\n", "no valid name"),
    ("---\nname: t\nvariables:\n  - {name: a, required: maybe}\n---\n", "true or false"),
])
def test_bad_templates(text: str, problem: str) -> None:
    msg = _error(parse_template, text, path="bad.md")
    assert problem in msg and "bad.md" in msg


def test_template_file_errors(tmp_path: Path) -> None:
    assert "no such template" in _error(load_template, str(tmp_path / "missing.md"))
    bad = tmp_path / "latin.md"
    bad.write_bytes("---\nname: caf\xe9\n---\n".encode("latin-1"))
    assert "not UTF-8" in _error(load_template, str(bad))
