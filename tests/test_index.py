"""The repo index resolves imports, calls and task decorators in real project code."""
from __future__ import annotations

from pathlib import Path

from rootfix.discover.index import RepoIndex


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def test_aliases_apps_and_helpers(tmp_path: Path) -> None:
    root = write(tmp_path, {
        "proj/__init__.py": "",
        "proj/celery.py": "from celery import Celery\napp = Celery('proj')\n",
        "shop/__init__.py": "",
        "shop/helpers.py": "from .tasks import notify\n\ndef queue_it(pk):\n    notify.delay(pk)\n",
        "shop/tasks.py": (
            "from celery import shared_task as st\nfrom proj.celery import app\n\n"
            "@st(bind=True, max_retries=3)\ndef notify(self, pk):\n    return pk\n\n"
            "@app.task\ndef plain(pk):\n    return pk\n\n"
            "def not_a_task():\n    pass\n"
        ),
        "shop/services.py": (
            "from django.db import transaction\nfrom shop.helpers import queue_it\n\n"
            "def place(pk):\n    with transaction.atomic():\n        queue_it(pk)\n"
        ),
        "broken.py": "def oops(:\n",
    })
    index = RepoIndex.build(root)
    assert index.celery_apps == {"proj.celery.app"}
    notify = index.lookup_function("shop.tasks.notify")
    decl = index.task_decl(notify)
    assert decl and decl.framework == "celery" and decl.bound and decl.option_value("max_retries") == 3
    assert index.task_decl(index.lookup_function("shop.tasks.plain")).framework == "celery"
    assert index.task_decl(index.lookup_function("shop.tasks.not_a_task")) is None
    place = index.lookup_function("shop.services.place")
    reach = [fn.qualname for fn, _ in index.reachable(place)]
    assert reach == ["shop.services.place", "shop.helpers.queue_it"]
    module = index.by_path["shop/services.py"]
    with_node = place.node.body[0]
    assert index.resolve(module, with_node.items[0].context_expr.func) == "django.db.transaction.atomic"
    assert [e.path for e in index.errors] == ["broken.py"]
    assert index.enclosing_function("shop/helpers.py", 4).symbol == "queue_it"
