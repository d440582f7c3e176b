"""Which files are the project's code: hidden lint-fixture folders are not, migrations/tasks/ is."""
from __future__ import annotations

from pathlib import Path

from rootfix.discover import build_index, discover_components
from rootfix.discover.components import is_test_path

TASK = "from celery import shared_task\n\n\n@shared_task\ndef backfill():\n    return 1\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_hidden_folders_are_not_indexed_and_migration_tasks_are_components(tmp_path: Path) -> None:
    root = write(tmp_path, {
        "shop/__init__.py": "", "shop/migrations/__init__.py": "",
        "shop/migrations/0002_backfill.py": "from django.db import migrations\n",
        "shop/migrations/tasks/__init__.py": "",
        "shop/migrations/tasks/saleor3_22.py": TASK,
        ".semgrep/correctness/celery/task-rule.py": TASK,
    })
    index = build_index(root)
    assert not [p for p in index.by_path if p.startswith(".semgrep")]
    names = {c.name for c in discover_components(index)}
    assert any("saleor3_22.backfill" in n for n in names), names
    assert is_test_path("shop/migrations/0002_backfill.py")
    assert not is_test_path("shop/migrations/tasks/saleor3_22.py")
