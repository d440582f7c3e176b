"""WRK202 beyond its examples: the fix lands in the thread target's own module, and the finding points at
the spawn site with the target as related location."""
from __future__ import annotations

from pathlib import Path

from rootfix.discover.index import RepoIndex
from rootfix.rules.base import REGISTRY, CheckContext, load_all_rules

load_all_rules()


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def test_wrk202_fixes_a_target_in_another_module(tmp_path: Path) -> None:
    ex = REGISTRY["WRK202"].INVALID[2]
    _write(tmp_path, ex.all_files())
    index = RepoIndex.build(tmp_path)
    rule = REGISTRY["WRK202"]()
    [finding] = rule.check(CheckContext(index))
    assert (finding.file, finding.symbol, finding.fix_safety) == ("catalog/tasks.py", "sync_catalog", "unsafe")
    assert finding.related and finding.related[0].path == "catalog/sync.py"
    patch = rule.fix(index, finding)
    [change] = patch.changes
    assert change.path == "catalog/sync.py"
    assert "from django.db import connection\n" in change.new
    assert "    try:\n        product = Product.objects.get(pk=pk)" in change.new
    assert change.new.rstrip().endswith("finally:\n        connection.close()")
    _write(tmp_path, {change.path: change.new})
    assert list(rule.check(CheckContext(RepoIndex.build(tmp_path)))) == []


def test_wrk202_keeps_the_docstring_outside_the_try_and_reuses_an_alias(tmp_path: Path) -> None:
    _write(tmp_path, {
        "jobs/__init__.py": "",
        "jobs/tasks.py": '''import threading

from celery import shared_task
from django.db import connection as db_connection
from django.contrib.auth import get_user_model


def _touch(pk):
    """Mark the user seen."""
    get_user_model().objects.filter(pk=pk).update(is_active=True)
    db_connection.ensure_connection()


@shared_task
def touch_later(pk):
    threading.Thread(target=_touch, args=(pk,)).start()
''',
    })
    index = RepoIndex.build(tmp_path)
    rule = REGISTRY["WRK202"]()
    [finding] = rule.check(CheckContext(index))
    new = rule.fix(index, finding).changes[0].new
    assert '    """Mark the user seen."""\n    try:\n' in new
    assert "    finally:\n        db_connection.close()\n" in new
    assert new.count("import connection") == 1
