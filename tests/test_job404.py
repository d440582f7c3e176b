"""JOB404's fix, proven by behaviour: the job's day-window check, run with Django configured (USE_TZ, a real
TIME_ZONE) on a row stored as an aware datetime, raises TypeError before the fix and puts a parcel shipped at
23:30 local time on that local day after it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rootfix.check.testing import check_findings, check_transformed, dedent

SETTINGS = "SECRET_KEY = 'x'\nUSE_TZ = True\nTIME_ZONE = 'Europe/Berlin'\n"
MODELS = dedent('''
    from django.db import models


    class Parcel(models.Model):
        shipped_at = models.DateTimeField(null=True)
''')
WINDOWS = dedent('''
    from datetime import datetime, time, timedelta


    def shipped_on(parcel, day):
        start = datetime.combine(day, time.min)
        return parcel.shipped_at is not None and start <= parcel.shipped_at < start + timedelta(days=1)
''')
RUN = dedent('''
    import datetime as dt
    import types

    import django
    from django.conf import settings

    settings.configure(USE_TZ=True, TIME_ZONE="Europe/Berlin")
    django.setup()
    from depot.windows import shipped_on

    # 2026-03-03 23:30 in Berlin is 22:30 UTC: stored (and read back) as an aware UTC datetime
    parcel = types.SimpleNamespace(shipped_at=dt.datetime(2026, 3, 3, 22, 30, tzinfo=dt.timezone.utc))
    print(shipped_on(parcel, dt.date(2026, 3, 3)), shipped_on(parcel, dt.date(2026, 3, 4)))
''')


def _run(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", RUN], cwd=root, capture_output=True, text=True, timeout=120)


def test_fix_turns_the_type_error_into_the_local_day(tmp_path: Path) -> None:
    files = {"depot_site/__init__.py": "", "depot_site/settings.py": SETTINGS, "depot/__init__.py": "",
             "depot/models.py": MODELS, "depot/windows.py": WINDOWS}
    check_findings("JOB404", files, path="depot/windows.py", root=tmp_path / "found", all_code=True)
    fixed = check_transformed("JOB404", files, path="depot/windows.py", root=tmp_path / "fixed", all_code=True,
                              expected=WINDOWS.replace(
                                  "from datetime import datetime, time, timedelta\n",
                                  "from datetime import datetime, time, timedelta\n\nfrom django.utils import timezone\n")
                              .replace("start = datetime.combine(day, time.min)",
                                       "start = timezone.make_aware(datetime.combine(day, time.min))"))
    for name, source in (("before", WINDOWS), ("after", fixed)):
        (tmp_path / name / "depot").mkdir(parents=True)
        (tmp_path / name / "depot" / "__init__.py").write_text("")
        (tmp_path / name / "depot" / "windows.py").write_text(source)
    before = _run(tmp_path / "before")
    assert before.returncode != 0 and "can't compare offset-naive and offset-aware" in before.stderr, before.stderr
    after = _run(tmp_path / "after")
    assert after.returncode == 0, after.stderr
    assert after.stdout.split() == ["True", "False"]
