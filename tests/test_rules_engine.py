"""The check engine: scope, settings, selection, noqa, config, fixes, cache, robustness.

The rules used here are throwaway rules registered for the duration of a test (``throwaway_rules``) and
removed afterwards: the engine is tested independently of the real catalogue.
"""
from __future__ import annotations

import ast
import json
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from rootfix.config import Config, find_project, read_config
from rootfix.errors import UsageError
from rootfix.check import noqa
from rootfix.rules.base import REGISTRY, CheckContext, Example, Rule
from rootfix.project.model import Project
from rootfix.check.engine import run_check
from rootfix.check.selection import build_selection, path_matches
from rootfix.types import FileChange, Patch


# --------------------------------------------------------------------------- throwaway rules
def _replace_line(source: str, line: int, old: str, new: str) -> str:
    lines = source.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "".join(lines)


@contextmanager
def throwaway_rules() -> Iterator[dict[str, type[Rule]]]:
    """TST101 print-call (safe fix), TST102 crasher, TST103 eval-call (scope all, unsafe fix),
    TST201 pickle-serializer (reads settings). Registered now, unregistered on exit."""

    class PrintCall(Rule):
        """Print call in worker code.

        ## What it does
        Finds `print()`.

        ## Why is this bad?
        Workers have no terminal.

        ## Example
        ```python
        print(x)
        ```

        ## Use instead
        ```python
        log(x)
        ```

        ## Fix safety
        Safe.
        """

        code = "TST101"
        name = "print-call"
        bug_class = "W9"
        component_types = ("background-worker",)
        fix_safety = "safe"
        VALID = (Example("def f():\n    log(1)\n"),)
        INVALID = (Example("def f():\n    print(1)\n"),)

        def check(self, ctx: CheckContext):
            for fn in ctx.functions():
                for node in ast.walk(fn.node):
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                        yield self.finding(fn, node, "print() in worker code")

        def fix(self, index, finding):
            info = index.by_path[finding.file]
            new = _replace_line(info.source, finding.line, "print(", "log(")
            return Patch((FileChange(finding.file, info.source, new),))

    class Crasher(Rule):
        """Crashes.

        ## What it does
        Crashes on functions named `boom`.
        """

        code = "TST102"
        name = "crasher"
        component_types = ("background-worker",)

        def check(self, ctx: CheckContext):
            for fn in ctx.index.functions.values():
                if fn.symbol == "boom":
                    raise KeyError("kaboom")
            return ()

    class EvalCall(Rule):
        """Eval call.

        ## What it does
        Finds `eval()` anywhere.
        """

        code = "TST103"
        name = "eval-call"
        component_types = ("background-worker",)
        fix_safety = "unsafe"
        scope = "all"

        def check(self, ctx: CheckContext):
            assert ctx.scope is None
            for fn in ctx.functions():
                for node in ast.walk(fn.node):
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "eval":
                        yield self.finding(fn, node, "eval() call")

        def fix(self, index, finding):
            info = index.by_path[finding.file]
            return Patch((FileChange(finding.file, info.source,
                                     _replace_line(info.source, finding.line, "eval(", "literal_eval(")),))

    class PickleSerializer(Rule):
        """Pickle.

        ## What it does
        Reports `CELERY_TASK_SERIALIZER = "pickle"`.
        """

        code = "TST201"
        name = "pickle-serializer"
        component_types = ("background-worker",)

        def check(self, ctx: CheckContext):
            if ctx.settings.get("CELERY_TASK_SERIALIZER") == "pickle":
                path = next(p for p in ctx.index.by_path if p.endswith("settings.py"))
                node = ast.parse("x")
                node.lineno, node.col_offset = 1, 0  # type: ignore[attr-defined]
                yield self.finding(None, node, f"pickle serializer ({sorted(ctx.settings)[:3]})", file=path)

    classes = {c.code: c for c in (PrintCall, Crasher, EvalCall, PickleSerializer)}
    try:
        yield classes
    finally:
        for code, cls in classes.items():
            if REGISTRY.get(code) is cls:
                del REGISTRY[code]


@pytest.fixture
def rules():
    with throwaway_rules() as r:
        yield r


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ROOTFIX_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def check(root: Path, rules: dict, paths=None, **kw):
    kw.setdefault("select", list(rules))
    kw.setdefault("ignore", None)
    kw.setdefault("all_code", False)
    kw.setdefault("config", Config())
    kw.setdefault("use_cache", False)
    return run_check(paths or [root], root=root, rules=dict(rules), **kw)


def where(result, code=None):
    return sorted((f.file, f.line, f.code) for f in result.findings if code is None or f.code == code)


PROJECT = {
    "proj/__init__.py": "",
    "proj/celery.py": "from celery import Celery\napp = Celery('proj')\n",
    "proj/settings.py": ("CELERY_TASK_SERIALIZER = 'pickle'\nUSE_TZ = True\nATOMIC_REQUESTS = False\n"
                         "CELERY_ACCEPT_CONTENT = ['json', 'pickle']\nSECRET_KEY = make_key()\n"
                         "CELERY_BEAT_SCHEDULE = {'nightly': {'task': 'app.tasks.nightly', 'schedule': 60}}\n"
                         "CRONJOBS = [('*/5 * * * *', 'app.cron.every_five')]\n"),
    "app/__init__.py": "",
    "app/tasks.py": (
        "from celery import shared_task, Task\n"
        "from proj.celery import app\n"
        "from .helpers import level1\n\n\n"
        "@shared_task\n"
        "def send(x):\n"
        "    level1(x)\n\n\n"
        "@app.task(name='custom.name')\n"
        "def named():\n"
        "    pass\n\n\n"
        "def nightly():\n"
        "    print('nightly')\n\n\n"
        "class Charge(Task):\n"
        "    def run(self):\n"
        "        print('charge')\n\n\n"
        "def enqueue_it():\n"
        "    print('enqueue site, not a task')\n"
        "    send.delay(1)\n"
    ),
    "app/helpers.py": (
        "def level1(x):\n    level2(x)\n\n\n"
        "def level2(x):\n    level3(x)\n\n\n"
        "def level3(x):\n    print('depth 3')\n    level4(x)\n\n\n"
        "def level4(x):\n    print('depth 4: out of scope')\n\n\n"
        "def unrelated():\n    print('unrelated')\n    eval('1')\n"
    ),
    "app/cron.py": "def every_five():\n    print('cron')\n",
    "app/management/__init__.py": "",
    "app/management/commands/__init__.py": "",
    "app/management/commands/sync.py": (
        "from django.core.management.base import BaseCommand\n\n\n"
        "class Command(BaseCommand):\n"
        "    def handle(self, *args, **options):\n"
        "        print('sync')\n"
    ),
    "jobs/spark_job.py": (
        "from pyspark.sql import SparkSession\n\n\n"
        "def main():\n"
        "    spark = SparkSession.builder.getOrCreate()\n"
        "    print(spark)\n"
    ),
    "jobs/rq_jobs.py": (
        "import django_rq\n\n\n"
        "def work():\n    print('rq')\n\n\n"
        "def schedule():\n    django_rq.get_queue().enqueue(work, 1)\n"
    ),
}


# --------------------------------------------------------------------------- scope
def test_component_roots_per_type(tmp_path):
    from rootfix.discover.index import RepoIndex

    write(tmp_path, PROJECT)
    roots = {t: sorted(fn.qualname for fn in fns) for t, fns in Project(RepoIndex.build(tmp_path)).entry_points().items()}
    assert roots["background-worker"] == ["app.tasks.Charge.run", "app.tasks.named", "app.tasks.send",
                                          "jobs.rq_jobs.work"]
    assert roots["cli-tool"] == ["app.management.commands.sync.Command.handle"]
    assert roots["scheduled-job"] == ["app.cron.every_five", "app.tasks.nightly"]
    assert roots["pyspark-job"] == ["jobs.spark_job.main"]


def test_worker_rule_sees_reachable_code_to_depth_3(tmp_path, rules):
    write(tmp_path, PROJECT)
    got = where(check(tmp_path, rules, select=["TST101"]))
    assert ("app/helpers.py", 10, "TST101") in got  # level3: 3 calls from the task
    assert ("app/helpers.py", 15, "TST101") not in got  # level4: 4 calls away
    assert ("app/helpers.py", 19, "TST101") not in got  # unrelated
    assert ("app/tasks.py", 22, "TST101") in got  # Task subclass run
    assert ("jobs/rq_jobs.py", 5, "TST101") in got  # RQ enqueue target
    assert ("app/tasks.py", 26, "TST101") not in got  # an enqueue site is not a task
    assert ("app/tasks.py", 17, "TST101") not in got  # beat target: scheduled-job, not this rule's type
    assert got == [("app/helpers.py", 10, "TST101"), ("app/tasks.py", 22, "TST101"), ("jobs/rq_jobs.py", 5, "TST101")]
    assert ("app/management/commands/sync.py", 6, "TST101") not in got  # cli-tool: not this rule's type


def test_all_code_and_scope_all_rule(tmp_path, rules):
    write(tmp_path, PROJECT)
    everything = where(check(tmp_path, rules, select=["TST101"], all_code=True))
    assert ("app/helpers.py", 15, "TST101") in everything and ("app/helpers.py", 19, "TST101") in everything
    assert ("app/management/commands/sync.py", 6, "TST101") in everything
    # scope = "all": sees unrelated code without --all-code
    assert where(check(tmp_path, rules, select=["TST103"])) == [("app/helpers.py", 20, "TST103")]
    # config all-code = true
    assert len(where(check(tmp_path, rules, select=["TST101"], config=Config(all_code=True)))) == len(everything)


def test_explicit_scope_replaces_computed_scope(tmp_path, rules):
    write(tmp_path, PROJECT)
    got = where(check(tmp_path, rules, select=["TST101"], scope=frozenset({"app.helpers.unrelated"})))
    assert got == [("app/helpers.py", 19, "TST101")]


def test_naming_a_file_gives_its_findings_in_the_tree(tmp_path, rules):
    write(tmp_path, PROJECT)
    tree = [w for w in where(check(tmp_path, rules, select=["TST101"])) if w[0] == "app/helpers.py"]
    got = where(check(tmp_path, rules, paths=[tmp_path / "app" / "helpers.py"], select=["TST101"]))
    assert got == tree == [("app/helpers.py", 10, "TST101")]  # reachable from a component only through the tree
    got = where(check(tmp_path, rules, paths=[tmp_path / "app" / "helpers.py"], select=["TST101"], all_code=True))
    assert [line for _, line, _ in got] == [10, 15, 19]


def test_test_code_is_reported_only_when_named(tmp_path, rules):
    write(tmp_path, {**PROJECT, "app/tests/test_helpers.py": "def test_x():\n    print(1)\n"})
    assert not [w for w in where(check(tmp_path, rules, select=["TST101"], all_code=True)) if "tests" in w[0]]
    got = where(check(tmp_path, rules, paths=[tmp_path / "app" / "tests"], select=["TST101"], all_code=True))
    assert got == [("app/tests/test_helpers.py", 2, "TST101")]


def test_settings_are_read_statically(tmp_path, rules):
    write(tmp_path, PROJECT)
    seen = {}

    class Spy(Rule):
        code = "TST900"
        name = "spy"

        def check(self, ctx):
            seen.update(ctx.settings)
            return ()

    try:
        check(tmp_path, {"TST900": Spy}, select=["TST900"])
    finally:
        REGISTRY.pop("TST900", None)
    assert seen["CELERY_TASK_SERIALIZER"] == "pickle"
    assert seen["CELERY_ACCEPT_CONTENT"] == ["json", "pickle"]
    assert seen["USE_TZ"] is True and seen["ATOMIC_REQUESTS"] is False
    assert "SECRET_KEY" not in seen  # not a literal
    r = check(tmp_path, rules, select=["TST201"])
    assert where(r) == [("proj/settings.py", 1, "TST201")]


def test_settings_package_and_celery_conf(tmp_path):
    from rootfix.discover.index import RepoIndex
    from rootfix.project.model import find_settings_files as settings_files, read_settings

    write(tmp_path, {
        "proj/settings/__init__.py": "from .base import *\n",
        "proj/settings/base.py": "USE_TZ = True\nTIME_ZONE = 'UTC'\n",
        "proj/settings/prod.py": "TIME_ZONE = 'Europe/Paris'\nDEBUG = False\n",
        "proj/celery.py": "from celery import Celery\napp = Celery('p')\napp.conf.task_serializer = 'pickle'\n"
                          "app.conf.update(accept_content=['pickle'])\n",
    })
    index = RepoIndex.build(tmp_path)
    files = [Path(p) for p in settings_files(tmp_path, [tmp_path / p for p in index.by_path])]
    s = read_settings(index, files)
    assert s["USE_TZ"] is True and s["TIME_ZONE"] == "UTC" and s["DEBUG"] is False
    assert s["CELERY_TASK_SERIALIZER"] == "pickle" and s["CELERY_ACCEPT_CONTENT"] == ["pickle"]


# --------------------------------------------------------------------------- robustness
def test_crashing_rule_is_one_line_and_others_run(tmp_path, rules):
    write(tmp_path, {**PROJECT, "app/boom.py": "def boom():\n    pass\n"})
    r = check(tmp_path, rules, select=["TST101", "TST102"])
    assert len(r.internal_errors) == 1
    assert re.fullmatch(r"internal error in rule TST102 while checking app/boom\.py: KeyError: 'kaboom' "
                        r"at test_rules_engine\.py:\d+", r.internal_errors[0])
    assert where(r, "TST101")


def test_unparsable_files_are_reported_and_skipped(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": "from celery import shared_task\n@shared_task\ndef t():\n    print(1)\n",
                     "app/bad.py": "def broken(:\n"})
    (tmp_path / "app" / "latin.py").write_bytes(b"x = '\xe9'\n")
    r = check(tmp_path, rules, select=["TST101"])
    assert r.errors == [("app/bad.py", "syntax error at line 1: invalid syntax"),
                        ("app/latin.py", "not UTF-8 (byte 5)")]
    assert where(r) == [("app/tasks.py", 4, "TST101")]


def test_missing_path_is_a_usage_error(tmp_path, rules):
    with pytest.raises(UsageError, match="nope.py: no such file or directory"):
        check(tmp_path, rules, paths=[tmp_path / "nope.py"])


# --------------------------------------------------------------------------- selection
KNOWN = ["WRK101", "WRK301", "WRK302", "WRK501", "JOB401", "CMD101", "SPK301", "RFX100"]


@pytest.mark.parametrize(("kw", "expected"), [
    ({}, ["CMD101", "JOB401", "SPK301", "WRK101", "WRK301", "WRK302", "WRK501"]),
    ({"cli_select": "WRK3"}, ["WRK301", "WRK302"]),
    ({"cli_select": "ALL"}, KNOWN and sorted(KNOWN)),
    ({"cli_select": "WRK", "cli_ignore": "WRK3"}, ["WRK101", "WRK501"]),
    ({"cli_select": "WRK,WRK301", "cli_ignore": "WRK3"}, ["WRK101", "WRK301", "WRK501"]),  # most specific wins
    ({"cli_select": "WRK3", "cli_ignore": "WRK3"}, []),  # tie: ignore wins
    ({"cli_select": "JOB", "cli_extend_select": "RFX100"}, ["JOB401", "RFX100"]),
    ({"cli_select": "wrk501, job"}, ["JOB401", "WRK501"]),
])
def test_selection(kw, expected):
    assert build_selection(KNOWN, **kw).codes(KNOWN) == expected


def test_selection_layers_over_config():
    cfg = Config(select=("WRK",), ignore=("WRK3",), extend_select=("JOB401",))
    assert build_selection(KNOWN, config=cfg).codes(KNOWN) == ["JOB401", "WRK101", "WRK501"]
    assert build_selection(KNOWN, config=cfg, cli_ignore="WRK1").codes(KNOWN) == ["JOB401", "WRK501"]
    # --select replaces the config's select and ignore
    assert build_selection(KNOWN, config=cfg, cli_select="WRK3").codes(KNOWN) == ["JOB401", "WRK301", "WRK302"]


def test_opt_in_rule_runs_only_when_a_user_selector_names_it():
    opt = {"opt_in": ["WRK501"]}
    assert "WRK501" not in build_selection(KNOWN, **opt).codes(KNOWN)  # the defaults leave it out
    assert "WRK301" in build_selection(KNOWN, **opt).codes(KNOWN)
    for kw in ({"cli_select": "WRK501"}, {"cli_select": "WRK"}, {"cli_select": "ALL"},
               {"cli_extend_select": "WRK5"}, {"config": Config(select=("WRK",))},
               {"config": Config(extend_select=("WRK501",))}):
        assert "WRK501" in build_selection(KNOWN, **opt, **kw).codes(KNOWN), kw
    assert "WRK501" not in build_selection(KNOWN, **opt, cli_select="WRK", cli_ignore="WRK5").codes(KNOWN)
    # the same explicit selection as the defaults is another cache key
    assert build_selection(KNOWN, **opt).key() != build_selection(KNOWN, **opt, cli_select="WRK,CMD,JOB,SPK").key()


def test_unknown_selector_is_a_usage_error():
    with pytest.raises(UsageError, match=r"--select: unknown rule selector 'WRK3O1' \(did you mean WRK301"):
        build_selection(KNOWN, cli_select="WRK3O1")
    with pytest.raises(UsageError, match="'E501'"):
        build_selection(KNOWN, cli_ignore="E501")
    build_selection(KNOWN, cli_select="SPK6")  # well-formed, no rule yet: fine


def test_per_file_ignores_and_globs(tmp_path, rules):
    assert path_matches("tests/test_x.py", "tests/*") and path_matches("a/migrations/0001.py", "migrations")
    assert not path_matches("app/tasks.py", "tests/*")
    write(tmp_path, PROJECT)
    cfg = Config(per_file_ignores=(("app/helpers.py", ("TST1",)),))
    assert "app/helpers.py" not in {f for f, _, _ in where(check(tmp_path, rules, select=["TST101"], config=cfg))}


# --------------------------------------------------------------------------- noqa
def test_noqa_parsing():
    src = ("a = 1  # noqa: WRK301, JOB4\nb = '# noqa'\nc = 2  # NOQA\nd = 3  # noqa:WRK101 other words\n"
           "e = 4  # type: ignore  # noqa: E501\n")
    d = noqa.parse_directives(src)
    assert sorted(d) == [1, 3, 4, 5]
    assert d[1].codes == ("WRK301", "JOB4") and d[1].suppresses("JOB401") == "JOB4"
    assert d[3].codes is None and d[3].suppresses("ANY1") == "*"
    assert d[4].codes == ("WRK101",) and d[5].codes == ("E501",)


def test_noqa_suppresses_and_rfx100_reports(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": (
        "from celery import shared_task\n\n\n@shared_task\ndef t():\n"
        "    print(1)  # noqa: TST101\n"
        "    print(2)  # noqa\n"
        "    print(3)  # noqa: TST1, E501\n"
        "    x = 1  # noqa: TST101, F401\n"
        "    y = 2  # noqa: TST103\n"
        "    z = 3  # noqa: WRK999\n"
        "    print(4)  # noqa: TST103\n"
    )})
    r = check(tmp_path, rules, select=["TST101", "RFX100"])
    assert [(f.line, f.code, f.message) for f in r.findings] == [
        (9, "RFX100", "Unused `noqa` directive (unused: TST101)"),
        (10, "RFX100", "Unused `noqa` directive (non-enabled: TST103)"),
        (11, "RFX100", "Unused `noqa` directive (unknown: WRK999)"),
        (12, "TST101", "print() in worker code"),
        (12, "RFX100", "Unused `noqa` directive (non-enabled: TST103)"),
    ]
    # off by default
    assert where(check(tmp_path, rules, select=["TST101"])) == [("app/tasks.py", 12, "TST101")]


def test_rfx100_fix_removes_codes(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": "x = 1  # noqa: TST101, F401\ny = 2  # noqa: WRK999 keep me\n"
                                     "z = 3  # noqa: TST101\n"})
    r = check(tmp_path, rules, select=["RFX100", "TST101"], fix=True)
    assert (tmp_path / "app/tasks.py").read_text() == "x = 1  # noqa: F401\ny = 2  # keep me\nz = 3\n"
    assert r.findings == [] and r.fixed == 3


# --------------------------------------------------------------------------- config
def test_config_found_walking_up(tmp_path):
    write(tmp_path, {"pyproject.toml": '[tool.rootfix]\nselect = ["WRK"]\nall-code = true\n'
                                       'per-file-ignores = {"tests/*" = ["WRK"]}\nexclude = ["legacy"]\n',
                     "pkg/sub/mod.py": "x = 1\n"})
    root, cfg = find_project(tmp_path / "pkg" / "sub" / "mod.py")
    assert root == tmp_path.resolve() and cfg.select == ("WRK",) and cfg.all_code is True
    assert cfg.per_file_ignores == (("tests/*", ("WRK",)),) and cfg.exclude == ("legacy",)


def test_site_packages_is_its_own_root(tmp_path):
    write(tmp_path, {"pyproject.toml": "[project]\nname='x'\n", "venv/lib/site-packages/pkg/m.py": "x = 1\n"})
    root, cfg = find_project(tmp_path / "venv/lib/site-packages/pkg", cwd=tmp_path)
    assert root == (tmp_path / "venv/lib/site-packages").resolve() and cfg.path is None


@pytest.mark.parametrize(("toml", "message"), [
    ('[tool.rootfix]\nselec = ["WRK"]\n', "unknown key 'selec' in [tool.rootfix] (did you mean 'select'?)"),
    ("[tool.rootfix]\nselect = 3\n", "[tool.rootfix] select must be a list of strings"),
    ('[tool.rootfix]\nall-code = "yes"\n', "[tool.rootfix] all-code must be true or false"),
    ('[tool.rootfix]\nper-file-ignores = ["x"]\n', "per-file-ignores must be a table"),
    ("[tool.rootfix\n", "invalid TOML"),
])
def test_invalid_config(tmp_path, toml, message):
    (tmp_path / "pyproject.toml").write_text(toml)
    with pytest.raises(UsageError) as info:
        read_config(tmp_path / "pyproject.toml")
    assert message in str(info.value) and "\n" not in str(info.value)


def test_exclude_skips_folders_but_not_named_files(tmp_path, rules):
    write(tmp_path, PROJECT)
    cfg = Config(exclude=("app/helpers.py", "jobs"), all_code=True)
    files = {f for f, _, _ in where(check(tmp_path, rules, select=["TST101"], config=cfg))}
    assert "app/helpers.py" not in files and not any(f.startswith("jobs/") for f in files)
    named = check(tmp_path, rules, paths=[tmp_path / "app" / "helpers.py"], select=["TST101"], config=cfg)
    assert where(named)


# --------------------------------------------------------------------------- fixes
TASKS = ("from celery import shared_task\n\n\n@shared_task\ndef t():\n"
         "    print(1)\n    print(2); print(3)\n    eval('1')\n")


def test_fix_applies_safe_fixes_until_stable(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": TASKS})
    r = check(tmp_path, rules, select=["TST101", "TST103"], fix=True)
    # line 7 has two overlapping fixes: one per pass
    assert (tmp_path / "app/tasks.py").read_text() == TASKS.replace("print", "log")
    assert r.fixed == 3 and r.written == ["app/tasks.py"]
    assert [(f.code, f.line) for f in r.findings] == [("TST103", 8)]  # unsafe: not without --unsafe-fixes
    assert not [p for p in (tmp_path / "app").iterdir() if "rootfix-tmp" in p.name]


def test_unsafe_fixes(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": TASKS})
    r = check(tmp_path, rules, select=["TST103"], fix=True, unsafe_fixes=True)
    assert "literal_eval('1')" in (tmp_path / "app/tasks.py").read_text() and r.findings == []


def test_diff_writes_nothing(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": TASKS})
    r = check(tmp_path, rules, select=["TST101"], diff=True)
    assert (tmp_path / "app/tasks.py").read_text() == TASKS
    assert r.written == [] and "-    print(1)\n" in r.diff() and "+    log(2); log(3)\n" in r.diff()
    assert r.diff().startswith("--- a/app/tasks.py\n+++ b/app/tasks.py\n")


def test_file_changed_since_read_is_not_written(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": TASKS})
    target = tmp_path / "app/tasks.py"
    orig_fix = rules["TST101"].fix

    def racing_fix(self, index, finding):
        target.write_text(TASKS + "# edited by the user meanwhile\n")
        return orig_fix(self, index, finding)

    rules["TST101"].fix = racing_fix
    r = check(tmp_path, rules, select=["TST101"], fix=True)
    assert r.skipped == ["app/tasks.py"] and r.written == []
    assert target.read_text().endswith("# edited by the user meanwhile\n")


def test_crashing_fix_is_reported(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": TASKS})

    def bad_fix(self, index, finding):
        raise ValueError("no")

    rules["TST101"].fix = bad_fix
    r = check(tmp_path, rules, select=["TST101"], fix=True)
    assert r.internal_errors[0].startswith("internal error in rule TST101 while fixing app/tasks.py:6: ValueError")
    assert (tmp_path / "app/tasks.py").read_text() == TASKS


def test_stale_patch_is_refused(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": TASKS})

    def stale_fix(self, index, finding):
        return Patch((FileChange(finding.file, "something else\n", "x\n"),))

    rules["TST101"].fix = stale_fix
    r = check(tmp_path, rules, select=["TST101"], fix=True)
    assert r.fixed == 0 and (tmp_path / "app/tasks.py").read_text() == TASKS


# --------------------------------------------------------------------------- cache
def test_warm_run_parses_nothing(tmp_path, rules, monkeypatch):
    write(tmp_path, PROJECT)
    cold = check(tmp_path, rules, select=["TST101"], use_cache=True)
    assert not cold.from_cache
    import rootfix.check.engine as engine

    def no_parse(*a, **k):
        raise AssertionError("parsed on a warm run")

    with monkeypatch.context() as m:
        m.setattr(engine.RepoIndex, "build", no_parse)
        m.setattr(ast, "parse", no_parse)
        warm = check(tmp_path, rules, select=["TST101"], use_cache=True)
    assert warm.from_cache and warm.findings == cold.findings and warm.files == cold.files
    # another selection is another entry
    assert not check(tmp_path, rules, select=["TST101", "TST103"], use_cache=True).from_cache
    # a changed file invalidates
    p = tmp_path / "app" / "cron.py"
    p.write_text(p.read_text() + "\n\ndef more():\n    print(1)\n")
    assert not check(tmp_path, rules, select=["TST101"], use_cache=True).from_cache
    # the cache lives outside the repo
    assert not [p for p in tmp_path.rglob("*") if "cache" in p.name.lower()]
    assert list(Path(os.environ["ROOTFIX_CACHE_DIR"]).rglob("*.json"))


def test_same_size_edit_within_mtime_tick_is_seen(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": TASKS})
    f = tmp_path / "app/tasks.py"
    first = check(tmp_path, rules, select=["TST101"], use_cache=True)
    st = f.stat()
    f.write_text(TASKS.replace("print(1)", "log((1))"))  # same size
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime
    again = check(tmp_path, rules, select=["TST101"], use_cache=True)
    assert not again.from_cache and len(again.findings) == len(first.findings) - 1


def test_corrupt_cache_is_a_miss(tmp_path, rules):
    write(tmp_path, PROJECT)
    check(tmp_path, rules, select=["TST101"], use_cache=True)
    for entry in Path(os.environ["ROOTFIX_CACHE_DIR"]).rglob("*.json"):
        entry.write_text("{not json")
    r = check(tmp_path, rules, select=["TST101"], use_cache=True)
    assert not r.from_cache and r.findings
    assert json.loads(next(Path(os.environ["ROOTFIX_CACHE_DIR"]).rglob("*.json")).read_text())["files"]


def test_diff_paths_are_relative_to_the_git_root(tmp_path, rules):
    import subprocess

    repo = tmp_path / "repo"
    write(repo / "backend", {"manage.py": "", "app/tasks.py": TASKS})
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    r = check(repo / "backend", rules, select=["TST101"], diff=True)
    assert r.diff().startswith("--- a/backend/app/tasks.py\n+++ b/backend/app/tasks.py\n")
    (tmp_path / "fix.diff").write_text(r.diff())
    done = subprocess.run(["git", "apply", "--check", str(tmp_path / "fix.diff")], cwd=repo, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr


def test_fixable_only_where_a_fix_is_produced(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": TASKS})
    orig_fix = rules["TST101"].fix

    def picky_fix(self, index, finding):
        return orig_fix(self, index, finding) if finding.line == 6 else None

    rules["TST101"].fix = picky_fix
    r = check(tmp_path, rules, select=["TST101"], all_code=True)
    assert {(f.line, f.fixable) for f in r.findings} >= {(6, True)}
    assert all(not f.fixable for f in r.findings if f.line != 6) and len(r.findings) > 1


def test_cache_tells_checked_parts_apart(tmp_path, rules):
    write(tmp_path, {"app/tasks.py": TASKS, "app/other.py": "def f():\n    print(1)\n"})
    kw = dict(select=["TST101"], all_code=True, use_cache=True)
    first = check(tmp_path, rules, paths=[tmp_path / "app" / "tasks.py"], **kw)
    second = check(tmp_path, rules, paths=[tmp_path / "app" / "other.py"], **kw)
    assert {f.file for f in first.findings} == {"app/tasks.py"}
    assert {f.file for f in second.findings} == {"app/other.py"}


# --------------------------------------------------------------------------- pre-filters and timings
def test_a_rule_whose_strings_are_nowhere_is_skipped(tmp_path, rules, monkeypatch):
    write(tmp_path, {"app/tasks.py": TASKS})
    monkeypatch.setattr(rules["TST101"], "requires", ("no_such_text_anywhere", "nor_this"))
    skipped = check(tmp_path, rules, select=["TST101"], all_code=True)
    assert not skipped.findings and skipped.skipped_rules == ["TST101"] and skipped.rule_seconds == {"TST101": 0.0}
    # one of the strings in any file of the project (here: only in another module) and the rule runs
    write(tmp_path, {"app/other.py": "nor_this = 1\n"})
    ran = check(tmp_path, rules, select=["TST101"], all_code=True)
    assert ran.findings and not ran.skipped_rules and set(ran.rule_seconds) == {"TST101"}
    assert {"load rules", "index", "fixable marks"} <= set(ran.phase_seconds)
