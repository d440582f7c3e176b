"""Discovery of every unusual form, on small realistic projects written into tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest

from rootfix.cli import main
from rootfix.discover import build_index, discover_components, related_code, resolve_component
from rootfix.discover.index import RepoIndex
from rootfix.errors import UsageError

CELERY = ("proj/__init__.py", "proj/celery.py")


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def found(root: Path) -> set[tuple]:
    return {(c.type, c.flavor, c.name, c.file, c.symbol) for c in discover_components(RepoIndex.build(root))}


def base(**extra: str) -> dict[str, str]:
    files = {
        "manage.py": "import sys\nfrom django.core.management import execute_from_command_line\n"
                     "if __name__ == '__main__':\n    execute_from_command_line(sys.argv)\n",
        "proj/__init__.py": "from .celery import app as celery_app\n",
        "proj/celery.py": "from celery import Celery\n\napp = Celery('proj')\n",
        "shop/__init__.py": "",
        "shop/models.py": (
            "from django.db import models\n\nclass Customer(models.Model):\n    name = models.CharField(max_length=9)\n\n"
            "class Order(models.Model):\n    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)\n"
            "    total = models.IntegerField(default=0)\n"),
    }
    files.update(extra)
    return files


def test_celery_aliases_explicit_names_and_task_classes(tmp_path: Path) -> None:
    root = write(tmp_path, base(**{
        "shop/tasks.py": (
            "from celery import shared_task as st, Task\nfrom proj.celery import app as capp\n"
            "from .models import Order\n\n"
            "@st(name='billing.charge', queue='money')\ndef charge(order_id):\n    Order.objects.get(pk=order_id)\n\n"
            "@capp.task(bind=True)\ndef refund(self, order_id):\n    return order_id\n\n"
            "class BaseTask(Task):\n    abstract = True\n\n"
            "class SendEmailTask(BaseTask):\n    name = 'shop.send_email'\n    def run(self, pk):\n        return pk\n\n"
            "class Registered(capp.Task):\n    def run(self):\n        pass\n\n"
            "class NotRegistered(Task):\n    def run(self):\n        pass\n\n"
            "capp.register_task(Registered())\n"),
        "shop/tests/test_tasks.py": "from celery import shared_task\n\n@shared_task\ndef in_tests():\n    pass\n",
    }))
    assert found(root) == {
        ("background-worker", "celery-task", "billing.charge", "shop/tasks.py", "charge"),
        ("background-worker", "celery-task", "shop.tasks.refund", "shop/tasks.py", "refund"),
        ("background-worker", "celery-task-class", "shop.send_email", "shop/tasks.py", "SendEmailTask.run"),
        ("background-worker", "celery-task-class", "shop.tasks.Registered", "shop/tasks.py", "Registered.run"),
    }
    comps = discover_components(RepoIndex.build(root))
    charge = resolve_component(comps, "background-worker", "charge")
    assert charge.aliases == ("shop.tasks.charge", "charge") and ("queue", "money") in charge.details
    assert resolve_component(comps, "background-worker", "SendEmailTask").name == "shop.send_email"
    assert resolve_component(comps, "background-worker", "send-email").name == "shop.send_email"
    assert resolve_component(comps, "background-worker", "shop.tasks.charge").name == "billing.charge"
    rel = related_code(RepoIndex.build(root), charge)
    assert [(m.symbol, m.depth, m.via) for m in rel.models] == [
        ("Order", 1, "referenced in shop.tasks.charge"), ("Customer", 2, "foreign key of Order")]


def test_beat_schedule_in_code_and_periodic_tasks(tmp_path: Path) -> None:
    root = write(tmp_path, base(**{
        "proj/celery.py": (
            "from celery import Celery\nfrom celery.schedules import crontab\n\napp = Celery('proj')\n"
            "app.conf.beat_schedule = {\n    'nightly-report': {'task': 'shop.tasks.report', 'schedule': crontab(hour=2)},\n}\n"
            "app.conf.update(beat_schedule={'cleanup': {'task': 'shop.cleanup', 'schedule': 60.0}}, timezone='UTC')\n\n"
            "@app.on_after_configure.connect\ndef setup_periodic_tasks(sender, **kwargs):\n"
            "    from shop.tasks import ping\n"
            "    sender.add_periodic_task(10.0, ping.s('hello'), name='ping every 10s')\n"
            "    sender.add_periodic_task(crontab(minute=0), ping.si())\n"),
        "shop/tasks.py": (
            "from celery import shared_task\n\n@shared_task\ndef report():\n    pass\n\n"
            "@shared_task(name='shop.cleanup')\ndef cleanup():\n    pass\n\n@shared_task\ndef ping(word=''):\n    pass\n"),
        "proj/settings.py": "from celery.schedules import crontab\nCELERY_BEAT_SCHEDULE = {\n"
                            "    'third-party': {'task': 'other.lib.task', 'schedule': crontab()},\n}\n",
    }))
    sched = {c for c in found(root) if c[0] == "scheduled-job"}
    assert sched == {
        ("scheduled-job", "beat-schedule", "nightly-report", "shop/tasks.py", "report"),
        ("scheduled-job", "beat-schedule", "cleanup", "shop/tasks.py", "cleanup"),
        ("scheduled-job", "beat-schedule", "ping every 10s", "shop/tasks.py", "ping"),
        ("scheduled-job", "beat-schedule", "shop.tasks.ping", "shop/tasks.py", "ping"),
        ("scheduled-job", "beat-schedule", "third-party", "proj/settings.py", ""),
    }
    comps = discover_components(RepoIndex.build(root))
    nightly = resolve_component(comps, "scheduled-job", "nightly report")
    assert (nightly.target, nightly.declared_in) == ("shop.tasks.report", "proj/celery.py")
    assert "shop.tasks.report" in nightly.aliases
    # A task reported as a scheduled job without a beat entry of its own name still resolves (the entry)
    assert resolve_component(comps, "scheduled-job", "shop.tasks.cleanup").name == "cleanup"


def test_nested_app_command_and_spark_job_started_from_it(tmp_path: Path) -> None:
    root = write(tmp_path, base(**{
        "apps/__init__.py": "", "apps/billing/__init__.py": "",
        "apps/billing/management/__init__.py": "", "apps/billing/management/commands/__init__.py": "",
        "apps/billing/management/commands/_helpers.py": "def x():\n    pass\n",
        "apps/billing/management/commands/rebuild_invoices.py": (
            "from django.core.management.base import BaseCommand\n"
            "from apps.billing.spark import session\nfrom apps.billing.jobs import invoices as job\n\n"
            "class Command(BaseCommand):\n    help = 'Rebuild invoices with Spark.'\n\n"
            "    def handle(self, *args, **options):\n        spark = session('rebuild')\n"
            "        try:\n            job.main(spark, options.get('day'))\n        finally:\n            spark.stop()\n"),
        "apps/billing/spark.py": (
            "from pyspark.sql import SparkSession\n\ndef session(name):\n"
            "    return SparkSession.builder.appName(name).getOrCreate()\n"),
        "apps/billing/jobs/__init__.py": "",
        "apps/billing/jobs/invoices.py": (
            "from pyspark.sql import functions as F\n\ndef totals(df):\n    return df.groupBy('customer').agg(F.sum('x'))\n\n"
            "def main(spark, day):\n    return totals(spark.read.parquet(f'/lake/{day}'))\n"),
        "etl/standalone.py": (
            "from pyspark import SparkContext\n\ndef main():\n    sc = SparkContext(appName='standalone')\n"
            "    return sc.parallelize([1]).count()\n\nif __name__ == '__main__':\n    main()\n"),
        "tests/conftest.py": "from pyspark.sql import SparkSession\n\ndef spark():\n"
                             "    s = SparkSession.builder.getOrCreate()\n    yield s\n",
    }))
    assert found(root) == {
        ("cli-tool", "management-command", "rebuild_invoices", "apps/billing/management/commands/rebuild_invoices.py",
         "Command.handle"),
        ("pyspark-job", "pyspark-job", "invoices", "apps/billing/jobs/invoices.py", "main"),
        ("pyspark-job", "pyspark-job", "standalone", "etl/standalone.py", "main"),
    }
    comps = discover_components(RepoIndex.build(root))
    job = resolve_component(comps, "pyspark-job", "invoices job (apps/billing/jobs/invoices.py)")
    assert ("started_by", "manage.py rebuild_invoices") in job.details
    assert resolve_component(comps, "pyspark-job", "manage.py rebuild_invoices").name == "invoices"
    cmd = resolve_component(comps, "cli-tool", "manage.py rebuild_invoices")
    assert ("help", "Rebuild invoices with Spark.") in cmd.details and ("app", "apps.billing") in cmd.details
    refs = {(r.symbol, r.depth) for r in related_code(RepoIndex.build(root), job).refs}
    assert ("totals", 1) in refs and ("Command.handle", 1) in refs


def test_scripts_crontab_and_k8s(tmp_path: Path) -> None:
    root = write(tmp_path, base(**{
        "shop/management/__init__.py": "", "shop/management/commands/__init__.py": "",
        "shop/management/commands/send_digest.py": (
            "from django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n        pass\n"),
        "scripts/reindex.py": (
            "import os\nimport django\n\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n"
            "django.setup()\n\nfrom shop.models import Order\n\ndef main():\n    return Order.objects.count()\n\n"
            "if __name__ == '__main__':\n    main()\n"),
        "shop/executor.py": "import django\n\ndef init_worker():\n    django.setup()\n",
        "deploy/crontab": (
            "# m h dom mon dow command\nMAILTO=ops@example.com\n"
            "15 6 * * 1-5 cd /srv/app && .venv/bin/python manage.py --settings=proj.prod send_digest --all >> /var/log/d 2>&1\n"
            "*/5 * * * * /srv/app/.venv/bin/python -m scripts.reindex\n"
            "0 0 * * * /usr/bin/find /tmp -mtime +7 -delete\n"),
        "deploy/cron.d/app": "30 1 * * * www-data cd /srv/app && python manage.py clearsessions\n",
        "k8s/cron.yaml": (
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\n"
            "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: weekly-digest\nspec:\n  schedule: '0 7 * * 1'\n"
            "  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n"
            "            - name: app\n              image: shop:latest\n"
            "              command: [\"python\", \"manage.py\"]\n              args: [\"send_digest\", \"--weekly\"]\n"),
        "k8s/broken.yml": "kind: CronJob\nspec: [unclosed\n",
    }))
    assert found(root) == {
        ("cli-tool", "management-command", "send_digest", "shop/management/commands/send_digest.py", "Command.handle"),
        ("cli-tool", "script", "reindex", "scripts/reindex.py", "main"),
        ("scheduled-job", "crontab", "send_digest", "shop/management/commands/send_digest.py", "Command.handle"),
        ("scheduled-job", "crontab", "scripts.reindex", "scripts/reindex.py", "main"),
        ("scheduled-job", "crontab", "clearsessions", "deploy/cron.d/app", ""),
        ("scheduled-job", "k8s-cronjob", "weekly-digest", "shop/management/commands/send_digest.py", "Command.handle"),
    }
    comps = discover_components(RepoIndex.build(root))
    k8s = resolve_component(comps, "scheduled-job", "weekly-digest")
    assert (k8s.target, k8s.declared_in, dict(k8s.details)["declared_line"]) == ("send_digest", "k8s/cron.yaml", "9")
    cron = resolve_component(comps, "scheduled-job", "manage.py send_digest")
    assert cron.flavor == "crontab" and dict(cron.details)["schedule"] == "15 6 * * 1-5"
    assert resolve_component(comps, "cli-tool", "scripts/reindex.py").flavor == "script"


def test_django_crontab_apscheduler_and_rq(tmp_path: Path) -> None:
    root = write(tmp_path, base(**{
        "proj/settings.py": (
            "CRONJOBS = [\n    ('*/5 * * * *', 'shop.cron.expire_carts'),\n"
            "    ('0 4 * * *', 'django.core.management.call_command', ['clearsessions']),\n"
            "    ('0 5 * * *', 'django.core.management.call_command', ['send_digest'], {'verbosity': 0}),\n]\n"),
        "shop/cron.py": "def expire_carts():\n    pass\n",
        "shop/management/__init__.py": "", "shop/management/commands/__init__.py": "",
        "shop/management/commands/send_digest.py": (
            "from django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n"
            "    def handle(self, *args, **options):\n        pass\n"),
        "shop/management/commands/runapscheduler.py": (
            "from apscheduler.schedulers.blocking import BlockingScheduler\n"
            "from django.core.management import call_command\n"
            "from django.core.management.base import BaseCommand\n\n"
            "def sync_prices():\n    pass\n\n"
            "class Command(BaseCommand):\n    def handle(self, *args, **options):\n"
            "        scheduler = BlockingScheduler()\n"
            "        scheduler.add_job(sync_prices, 'interval', minutes=10, id='price-sync')\n"
            "        scheduler.add_job('shop.cron:expire_carts', 'cron', hour=1)\n"
            "        scheduler.add_job(call_command, 'cron', args=['send_digest'], id='digest')\n"
            "        scheduler.start()\n"),
        "shop/sched.py": (
            "from apscheduler.schedulers.background import BackgroundScheduler\n\nsched = BackgroundScheduler()\n\n"
            "@sched.scheduled_job('cron', hour=3, id='nightly-rollup')\ndef rollup():\n    pass\n"),
        "shop/jobs.py": (
            "import django_rq\nfrom rq import Queue\nfrom rq.decorators import job as rq_job\nfrom redis import Redis\n\n"
            "q = Queue('low', connection=Redis())\n\n@rq_job('high')\ndef resize(pk):\n    pass\n\n"
            "def import_feed(url):\n    pass\n\ndef later(pk):\n    pass\n\n"
            "def enqueue_all():\n    q.enqueue(import_feed, 'http://x')\n"
            "    django_rq.get_queue('default').enqueue_in(60, later, 1)\n"
            "    q.enqueue_call(func='shop.jobs.later', args=(2,))\n    resize.delay(1)\n"),
    }))
    got = found(root)
    assert {c for c in got if c[1] in ("rq-job", "django-crontab", "apscheduler")} == {
        ("background-worker", "rq-job", "shop.jobs.resize", "shop/jobs.py", "resize"),
        ("background-worker", "rq-job", "shop.jobs.import_feed", "shop/jobs.py", "import_feed"),
        ("background-worker", "rq-job", "shop.jobs.later", "shop/jobs.py", "later"),
        ("scheduled-job", "django-crontab", "shop.cron.expire_carts", "shop/cron.py", "expire_carts"),
        ("scheduled-job", "django-crontab", "clearsessions", "proj/settings.py", ""),
        ("scheduled-job", "django-crontab", "send_digest", "shop/management/commands/send_digest.py",
         "Command.handle"),
        ("scheduled-job", "apscheduler", "price-sync", "shop/management/commands/runapscheduler.py", "sync_prices"),
        ("scheduled-job", "apscheduler", "expire_carts", "shop/cron.py", "expire_carts"),
        ("scheduled-job", "apscheduler", "digest", "shop/management/commands/send_digest.py", "Command.handle"),
        ("scheduled-job", "apscheduler", "nightly-rollup", "shop/sched.py", "rollup"),
    }
    comps = discover_components(RepoIndex.build(root))
    resize = resolve_component(comps, "background-worker", "ResizeJob")
    assert resize.name == "shop.jobs.resize" and ("queue", "high") in resize.details
    feed = resolve_component(comps, "background-worker", "import feed worker (rq)")
    assert feed.declared_in is None and dict(feed.details)["enqueued_at"] == "shop/jobs.py:19"
    assert resolve_component(comps, "scheduled-job", "price sync").target == \
        "shop.management.commands.runapscheduler.sync_prices"


def test_broken_files_are_skipped_with_a_warning(tmp_path: Path, capsys) -> None:
    root = write(tmp_path, base(**{"shop/tasks.py": "from celery import shared_task\n\n@shared_task\ndef ok():\n    pass\n",
                                   "shop/broken.py": "def oops(:\n"}))
    (root / "shop" / "latin1.py").write_bytes("x = 'caf\xe9'\n".encode("latin-1"))
    (root / ".venv" / "lib").mkdir(parents=True)
    (root / ".venv" / "lib" / "t.py").write_text("from celery import shared_task\n@shared_task\ndef venv_task():\n    pass\n")
    assert main(["components", "--repo", str(root), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert '"shop.tasks.ok"' in out and "venv_task" not in out
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("rootfix: warning: shop/") for line in lines)
    assert "Traceback" not in err


def test_resolution_errors_and_cross_type(tmp_path: Path) -> None:
    root = write(tmp_path, base(**{
        "shop/tasks.py": "from celery import shared_task\n\n@shared_task\ndef send_invoice_reminders():\n    pass\n",
    }))
    comps = discover_components(build_index(root))
    # reported as a scheduled job, found only as a Celery task: the task
    assert resolve_component(comps, "scheduled-job", "SendInvoiceReminders").name == "shop.tasks.send_invoice_reminders"
    with pytest.raises(UsageError) as exc:
        resolve_component(comps, "background-worker", "send_invoice_remiders", repo=str(root))
    msg = str(exc.value)
    assert "\n" not in msg and f"in {root}" in msg and "did you mean: shop.tasks.send_invoice_reminders?" in msg
    with pytest.raises(UsageError, match="unknown component_type 'daemon'"):
        resolve_component(comps, "daemon", "x")


def test_build_index_cached_and_refreshed(tmp_path: Path) -> None:
    root = write(tmp_path, base())
    first = build_index(root)
    assert build_index(root) is first
    (root / "shop" / "extra.py").write_text("def f():\n    pass\n")
    second = build_index(root)
    assert second is not first and "shop.extra.f" in second.functions
    assert sorted(p.name for p in root.iterdir()) == [".venv", "manage.py", "proj", "shop"] or \
        sorted(p.name for p in root.iterdir()) == ["manage.py", "proj", "shop"]
