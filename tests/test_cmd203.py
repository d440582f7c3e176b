"""CMD203 (a polling loop's close skipped on its database-error path), proven by behaviour: a real Django
process runs the loop with its first round failing the way a dropped connection does; before the fix the
second round runs on the same dead connection, after it on a fresh one. Plus the quiet twins."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rootfix.check.testing import check_findings, check_noop, check_transformed, dedent

LOOP = dedent('''
    import threading

    from django.db import DatabaseError, close_old_connections, connection


    def sync_once():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")


    def run(max_cycles, stop=None):
        stop = stop or threading.Event()
        cycles = 0
        while not stop.is_set():
            cycles += 1
            try:
                sync_once()
            except DatabaseError:
                if cycles >= max_cycles:
                    break
                stop.wait(0)
                continue
            if cycles >= max_cycles:
                break
            close_old_connections()
            stop.wait(0)
        return cycles
''')
PROBE = dedent('''
    import os

    os.environ["DJANGO_SETTINGS_MODULE"] = "site_settings"
    import django

    django.setup()
    from django.db import OperationalError, connection

    import poller

    original, seen = poller.sync_once, []

    def sync_once():
        seen.append(connection.connection)
        if len(seen) == 1:
            connection.ensure_connection()
            seen[0] = connection.connection
            connection.errors_occurred = True
            connection.is_usable = lambda: False
            raise OperationalError("server closed the connection unexpectedly")
        connection.__dict__.pop("is_usable", None)
        return original()

    poller.sync_once = sync_once
    poller.run(max_cycles=2)
    print("reused" if seen[1] is seen[0] else "fresh")
''')


def _second_round(root: Path, source: str) -> str:
    files = {"poller.py": source, "site_settings.py": (
        "SECRET_KEY = 'x'\nUSE_TZ = True\nINSTALLED_APPS = []\n"
        f"DATABASES = {{'default': {{'ENGINE': 'django.db.backends.sqlite3', 'NAME': {str(root / 'db.sqlite3')!r}}}}}\n")}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def test_fix_drops_the_dead_connection_before_the_next_round(tmp_path: Path) -> None:
    files = {"poller.py": LOOP}
    check_findings("CMD203", files, path="poller.py", count=1, root=tmp_path / "found", all_code=True)
    assert "            stop.wait(0)\n            continue\n" in LOOP
    fixed = check_transformed("CMD203", files, path="poller.py", root=tmp_path / "fixed", all_code=True,
                              expected=LOOP.replace("            stop.wait(0)\n            continue\n",
                                                    "            stop.wait(0)\n"
                                                    "            close_old_connections()\n"
                                                    "            continue\n"))
    assert _second_round(tmp_path / "before", LOOP) == "reused"
    assert _second_round(tmp_path / "after", fixed) == "fresh"


def test_loops_that_close_every_round_are_quiet(tmp_path: Path) -> None:
    quiet = dedent('''
        import time

        from django.db import DatabaseError, close_old_connections


        def sync_once():
            pass


        def close_first():
            while True:
                close_old_connections()
                try:
                    sync_once()
                except DatabaseError:
                    time.sleep(5)
                    continue
                time.sleep(30)


        def close_in_handler():
            while True:
                try:
                    sync_once()
                except DatabaseError:
                    close_old_connections()
                    continue
                close_old_connections()
                time.sleep(30)


        def other_errors_only():
            while True:
                try:
                    sync_once()
                except ValueError:
                    continue
                close_old_connections()
                time.sleep(30)
    ''')
    check_noop("CMD203", {"poller.py": quiet}, root=tmp_path, all_code=True)
