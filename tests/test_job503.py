"""JOB503 (a run row closed only on success), proven by behaviour: a real Django process runs the export with
its work failing; before the fix the row stays "running", after it the row is "failed" and the error still
reaches the caller. Both forms: the close in a context manager's ``try``, and in the block that creates the
row. Plus the quiet twins."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rootfix.check.testing import check_findings, check_noop, check_transformed, dedent

MODELS = dedent('''
    from django.db import models


    class FeedRun(models.Model):
        class Status(models.TextChoices):
            RUNNING = "running"
            SUCCEEDED = "succeeded"
            FAILED = "failed"

        status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
        finished_at = models.DateTimeField(null=True)

        class Meta:
            app_label = "feeds"
''')
SETTINGS = ("SECRET_KEY = 'x'\nUSE_TZ = True\nINSTALLED_APPS = ['feeds']\n"
            "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}}\n")
CONTEXT = dedent('''
    from contextlib import contextmanager

    from django.utils import timezone

    from feeds.models import FeedRun


    def open_run():
        return FeedRun.objects.create()


    @contextmanager
    def export_run():
        run = open_run()
        try:
            yield run
            run.status = FeedRun.Status.SUCCEEDED
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "finished_at"])
        finally:
            pass


    def work(fail):
        if fail:
            raise OSError("the FTP server refused the connection")


    def export(fail):
        with export_run():
            work(fail)
''')
BLOCK = dedent('''
    from django.utils import timezone

    from feeds.models import FeedRun


    def work(fail):
        if fail:
            raise OSError("the FTP server refused the connection")


    def export(fail):
        run = FeedRun.objects.create()
        work(fail)
        run.status = FeedRun.Status.SUCCEEDED
        run.finished_at = timezone.now()
        run.save()
''')
CONTEXT_FIXED = CONTEXT.replace('''    finally:
        pass
''', '''    except Exception:
        run.status = FeedRun.Status.FAILED
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "finished_at"])
        raise
    finally:
        pass
''')
BLOCK_FIXED = BLOCK.replace('''    run = FeedRun.objects.create()
    work(fail)
    run.status = FeedRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.save()
''', '''    run = FeedRun.objects.create()
    try:
        work(fail)
        run.status = FeedRun.Status.SUCCEEDED
        run.finished_at = timezone.now()
        run.save()
    except Exception:
        run.status = FeedRun.Status.FAILED
        run.finished_at = timezone.now()
        run.save()
        raise
''')
PROBE = dedent('''
    import os

    os.environ["DJANGO_SETTINGS_MODULE"] = "site_settings"
    import django

    django.setup()
    from django.db import connection

    from feeds.models import FeedRun
    from feeds.runs import export

    with connection.schema_editor() as editor:
        editor.create_model(FeedRun)
    try:
        export(fail=True)
    except OSError:
        print("raised", FeedRun.objects.get().status)
''')


def _status_after_failure(root: Path, source: str) -> str:
    for rel, text in {"feeds/__init__.py": "", "feeds/models.py": MODELS, "feeds/runs.py": source,
                      "site_settings.py": SETTINGS}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


@pytest.mark.parametrize("form", ["context-manager", "block"])
def test_fix_closes_the_failed_run(form: str, tmp_path: Path) -> None:
    source, expected = (CONTEXT, CONTEXT_FIXED) if form == "context-manager" else (BLOCK, BLOCK_FIXED)
    assert expected != source
    files = {"feeds/__init__.py": "", "feeds/models.py": MODELS, "feeds/runs.py": source}
    check_findings("JOB503", files, path="feeds/runs.py", count=1, root=tmp_path / "found", all_code=True)
    fixed = check_transformed("JOB503", files, path="feeds/runs.py", root=tmp_path / "fixed", all_code=True,
                              expected=expected)
    assert _status_after_failure(tmp_path / "before", source) == "raised running"
    assert _status_after_failure(tmp_path / "after", fixed) == "raised failed"


def test_runs_closed_on_the_way_out_are_quiet(tmp_path: Path) -> None:
    quiet = dedent('''
        from feeds.models import FeedRun


        def work():
            pass


        def handled():
            run = FeedRun.objects.create()
            try:
                work()
                run.status = FeedRun.Status.SUCCEEDED
                run.save()
            except Exception:
                run.status = FeedRun.Status.FAILED
                run.save()
                raise


        def closed_in_finally():
            run = FeedRun.objects.create()
            try:
                work()
                run.status = FeedRun.Status.SUCCEEDED
            finally:
                if run.status == FeedRun.Status.RUNNING:
                    run.status = FeedRun.Status.FAILED
                run.save()


        def fetched(pk):
            run = FeedRun.objects.get(pk=pk)  # an existing row: this function did not open the run
            work()
            run.status = FeedRun.Status.SUCCEEDED
            run.save()


        def nothing_can_fail():
            run = FeedRun.objects.create()
            run.status = FeedRun.Status.SUCCEEDED
            run.save()
    ''')
    files = {"feeds/__init__.py": "", "feeds/models.py": MODELS, "feeds/quiet.py": quiet}
    check_noop("JOB503", files, root=tmp_path, all_code=True)
