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


def test_method_calls_on_fetched_instances_are_followed(tmp_path: Path) -> None:
    root = write(tmp_path, {
        "podcasts/__init__.py": "",
        "podcasts/models.py": (
            "from django.db import models\n\n\n"
            "class Episode(models.Model):\n    plays = models.IntegerField(default=0)\n\n"
            "    def register_play(self):\n        self.plays += 1\n        self.save()\n"
        ),
        "podcasts/tasks.py": (
            "from django.shortcuts import get_object_or_404\n\nfrom .models import Episode\n\n\n"
            "def record_play(episode_id):\n    episode = Episode.objects.select_for_update().get(pk=episode_id)\n"
            "    episode.register_play()\n\n\n"
            "def other(episode_id):\n    ep = get_object_or_404(Episode, pk=episode_id)\n    ep.register_play()\n"
            "    unknown = lookup(episode_id)\n    unknown.register_play()\n"
        ),
    })
    index = RepoIndex.build(root)
    for name in ("record_play", "other"):
        callees = [f.qualname for f, _ in index.callees(index.lookup_function(f"podcasts.tasks.{name}"))]
        assert "podcasts.models.Episode.register_play" in callees
    assert len([1 for f, _ in index.callees(index.lookup_function("podcasts.tasks.other"))
                if f.symbol == "Episode.register_play"]) == 1
