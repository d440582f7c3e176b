"""``rootfix check`` and ``rootfix rules`` end to end, with output snapshots (``tests/snapshots/``).

Regenerate the snapshots with ``ROOTFIX_UPDATE_SNAPSHOTS=1 pytest tests/test_check_cli.py``.
The rules are the throwaway TST rules of test_rules_engine (registered per test, removed after).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rootfix.cli import main
from test_rules_engine import PROJECT, TASKS, throwaway_rules, write

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture(autouse=True)
def _env(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ROOTFIX_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def rules():
    with throwaway_rules() as r:
        yield r


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "proj"
    write(root, {
        **PROJECT,
        "pyproject.toml": '[project]\nname = "demo"\n',
        "app/boom.py": "def boom():\n    pass\n",
        "app/broken.py": "def broken(:\n    pass\n",
        "app/quiet.py": ("from celery import shared_task\n\n\n@shared_task\ndef quiet():\n"
                         "    print('kept')  # noqa: TST101\n    print('again')  # noqa\n"
                         "    x = 1  # noqa: TST101, E501\n    print(\"50% done, a:b\")\n"),
    })
    monkeypatch.chdir(root)
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("ROOTFIX_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing snapshot {name}: run with ROOTFIX_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8"), f"output differs from tests/snapshots/{name}"


# --------------------------------------------------------------------------- snapshots
@pytest.mark.parametrize(("fmt", "name"), [("text", "check_text.txt"), ("json", "check_json.json"),
                                           ("github", "check_github.txt")])
def test_check_output_snapshots(capsys, project, rules, fmt, name):
    code, out, err = run(capsys, "check", "--select", "TST,RFX100", "--format", fmt)
    assert code == 1
    snapshot(name, out)
    assert err == ("rootfix: internal error in rule TST102 while checking app/boom.py: KeyError: 'kaboom'"
                   f" at test_rules_engine.py:{_crash_line()}\n"
                   "rootfix: 1 internal error(s) in rules; the other rules ran\n")


def _crash_line() -> int:
    src = (Path(__file__).parent / "test_rules_engine.py").read_text().splitlines()
    return next(i for i, line in enumerate(src, 1) if 'raise KeyError("kaboom")' in line)


def test_statistics_snapshot(capsys, project, rules):
    code, out, _ = run(capsys, "check", "--select", "TST101,TST103,RFX100", "--all-code", "--statistics")
    assert code == 1
    snapshot("check_statistics.txt", out)


def test_sarif_is_well_formed(capsys, project, rules):
    code, out, _ = run(capsys, "check", "--select", "TST,RFX100", "--format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = sarif["runs"]
    driver = run_["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and {"TST101", "TST103", "RFX100"} <= set(ids)
    tst101 = driver["rules"][ids.index("TST101")]
    assert tst101["name"] == "print-call" and tst101["fullDescription"]["text"] == "Finds `print()`."
    assert "## Why is this bad?" in tst101["help"]["markdown"]
    assert run_["results"]
    for res in run_["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        artifact = loc["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%" and not artifact["uri"].startswith("/")
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert any("E999" in n["message"]["text"] for n in notes) and any("TST102" in n["message"]["text"] for n in notes)


# --------------------------------------------------------------------------- exit codes and errors
def test_clean_project_exits_0(capsys, tmp_path, rules, monkeypatch):
    write(tmp_path, {"app/tasks.py": "def f():\n    return 1\n"})
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "check", "--select", "TST") == (0, "All checks passed!\n", "")


@pytest.mark.parametrize(("argv", "message"), [
    (["check", "missing/"], "rootfix: error: missing/: no such file or directory\n"),
    (["check", "--select", "WRKK"], "rootfix: error: --select: unknown rule selector 'WRKK'"),
    (["check", "--config", "nope.toml"], "rootfix: error: --config nope.toml: no such file\n"),
    (["rules", "TST11"], "rootfix: error: unknown rule 'TST11'; did you mean TST101"),
    (["rules", "ZZZ999"], "rootfix: error: unknown rule 'ZZZ999'; `rootfix rules` lists them\n"),
])
def test_usage_errors_exit_2_one_line(capsys, project, rules, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.startswith(message) and err.count("\n") == 1


def test_bad_config_exits_2(capsys, project, rules):
    (project / "pyproject.toml").write_text('[tool.rootfix]\nselect = "TST"\nignored = 1\n')
    code, _, err = run(capsys, "check")
    assert code == 2 and "unknown key 'ignored' in [tool.rootfix] (did you mean 'ignore'?)" in err


def test_config_select_and_per_file_ignores(capsys, project, rules):
    (project / "pyproject.toml").write_text(
        '[tool.rootfix]\nselect = ["TST101"]\nall-code = true\nexclude = ["app/broken.py"]\n'
        'per-file-ignores = {"app/helpers.py" = ["TST"]}\n')
    code, out, _ = run(capsys, "check", "app")
    assert code == 1 and "app/helpers.py" not in out and "broken" not in out
    assert "app/management/commands/sync.py:6:9: TST101 [*] print() in worker code" in out  # all-code


# --------------------------------------------------------------------------- fixing
def test_fix_then_report_remaining(capsys, tmp_path, rules, monkeypatch):
    write(tmp_path, {"app/tasks.py": TASKS})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", "--select", "TST101,TST103", "--fix")
    assert code == 1
    assert out == ("app/tasks.py:8:5: TST103 eval() call\n\nFound 4 findings (3 fixed, 1 remaining).\n")
    assert (tmp_path / "app/tasks.py").read_text() == TASKS.replace("print", "log")
    code, out, _ = run(capsys, "check", "--select", "TST101,TST103", "--fix", "--unsafe-fixes")
    assert code == 0 and out == "Found 1 findings (1 fixed, 0 remaining).\n"


def test_diff_prints_and_writes_nothing(capsys, tmp_path, rules, monkeypatch):
    write(tmp_path, {"app/tasks.py": TASKS})
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--select", "TST101", "--diff")
    assert code == 1 and out.startswith("--- a/app/tasks.py\n+++ b/app/tasks.py\n@@ -3,6 +3,6 @@\n")
    assert err == "Would fix 3 findings in 1 file (0 would remain).\n"
    assert (tmp_path / "app/tasks.py").read_text() == TASKS
    assert run(capsys, "check", "--select", "TST103", "--diff")[:2] == (0, "")


def test_unsafe_marker_follows_unsafe_fixes(capsys, tmp_path, rules, monkeypatch):
    write(tmp_path, {"app/tasks.py": TASKS})
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "check", "--select", "TST103")
    assert out == ("app/tasks.py:8:5: TST103 eval() call\n\n"
                   "Found 1 finding (0 fixable with --fix, 1 more with --unsafe-fixes).\n")
    _, out, _ = run(capsys, "check", "--select", "TST103", "--unsafe-fixes")
    assert "TST103 [*] eval() call" in out and "(1 fixable with --fix)" in out


# --------------------------------------------------------------------------- rules
def test_rules_table_and_doc(capsys, rules):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and out.splitlines()[0].split() == ["Code", "Name", "Component", "types", "Fix"]
    row = next(line for line in out.splitlines() if line.startswith("TST101"))
    assert row.split() == ["TST101", "print-call", "background-worker", "safe"]
    assert next(line for line in out.splitlines() if line.startswith("TST102")).split()[-1] == "—"
    code, out, _ = run(capsys, "rules", "tst101")
    assert code == 0
    assert out == ("# TST101 (print-call)\n\nComponent types: background-worker; class W9; fix: safe\n\n"
                   "Print call in worker code.\n\n## What it does\nFinds `print()`.\n\n## Why is this bad?\n"
                   "Workers have no terminal.\n\n## Example\n```python\nprint(x)\n```\n\n## Use instead\n"
                   "```python\nlog(x)\n```\n\n## Fix safety\nSafe.\n")
    code, out, _ = run(capsys, "rules", "print-call", "--format", "json")
    rec = json.loads(out)
    assert rec["code"] == "TST101" and rec["fix"] == "safe" and rec["sections"]["Fix safety"] == "Safe."
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert "TST103" in [r["code"] for r in json.loads(out)]
    code, out, _ = run(capsys, "rules", "RFX100")
    assert code == 0 and "unused" in out.lower()


def test_github_escaping():
    from rootfix.check.output import _gh_escape

    assert _gh_escape("50% done\nnext") == "50%25 done%0Anext"
    assert _gh_escape("a,b:c", prop=True) == "a%2Cb%3Ac"
