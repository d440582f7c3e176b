"""JOB402: only naive values that reach stored datetimes are reported; the fix never mixes aware and naive."""
from __future__ import annotations

from pathlib import Path

import pytest

from rootfix.check.engine import run_check

JOB = (
    "from datetime import datetime, timedelta\n\n"
    "from shop.models import Order\n\n\n"
    "def expire_carts():\n"
    "    cutoff = datetime.now() - timedelta(hours=2)\n"
    "    return Order.objects.filter(created_at__lt=cutoff).delete()\n"
)


def project(tmp_path: Path, settings: str, extra: dict[str, str] | None = None) -> Path:
    files = {"shop/__init__.py": "", "shop/models.py": "", "shop/jobs.py": JOB, "shop_site/settings.py": settings,
             **(extra or {})}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return tmp_path


def found(root: Path) -> list[tuple[str, int, bool]]:
    r = run_check([root], root=root, select="JOB402", all_code=True, use_cache=False)
    return [(f.file, f.line, f.fixable) for f in r.findings]


@pytest.mark.parametrize("settings, extra, expected", [
    ("USE_TZ = True\n", None, True),
    ("USE_TZ = False\n", None, False),
    ("import environ\nenv = environ.Env()\nUSE_TZ = env.bool('USE_TZ', default=True)\n", None, True),
    ("import environ\nenv = environ.Env()\nUSE_TZ = env.bool('USE_TZ', default=False)\n", None, False),
    ("import os\nUSE_TZ = os.environ.get('USE_TZ', 'True') == 'True'\n", None, True),
    ("import os\nUSE_TZ = os.environ.get('USE_TZ', 'no') == 'yes'\n", None, False),
    ("TIME_ZONE = 'UTC'\n", {"requirements.txt": "Django==5.1.4\ncelery==5.4\n"}, True),  # default on since 5.0
    ("TIME_ZONE = 'UTC'\n", {"requirements.txt": "Django==4.2.16\n"}, False),
    ("TIME_ZONE = 'UTC'\n", None, False),  # Django version unknown: not assumed on
])
def test_use_tz_from_environment_and_django_default(tmp_path: Path, settings: str, extra: dict[str, str] | None,
                                                     expected: bool) -> None:
    assert bool(found(project(tmp_path, settings, extra))) is expected


def test_no_fix_when_the_value_is_also_used_naive(tmp_path: Path) -> None:
    root = project(tmp_path, "USE_TZ = True\n", {"shop/jobs.py": (
        "from datetime import datetime\n\n"
        "from shop.models import Order\n\n\n"
        "def sweep(started):\n"
        "    now = datetime.now()\n"
        "    Order.objects.filter(created_at__lt=now).delete()\n"
        "    return now - started\n")})
    assert found(root) == [("shop/jobs.py", 7, False)]
    r = run_check([root], root=root, select="JOB402", all_code=True, use_cache=False, diff=True, unsafe_fixes=True)
    assert r.changes == {}


def test_fix_offered_when_every_use_takes_an_aware_value(tmp_path: Path) -> None:
    root = project(tmp_path, "USE_TZ = True\n")
    assert found(root) == [("shop/jobs.py", 7, True)]
    r = run_check([root], root=root, select="JOB402", all_code=True, use_cache=False, diff=True, unsafe_fixes=True)
    assert "timezone.now() - timedelta(hours=2)" in r.changes["shop/jobs.py"][1]


@pytest.mark.parametrize("body", [
    "    started = datetime.now()\n    work()\n    return (datetime.now() - started).total_seconds()\n",
    "    return int(datetime.now().timestamp())\n",
    "    return f'report-{datetime.now():%Y%m%d}.csv'\n",
    "    return datetime.now().astimezone()\n",
    "    return datetime.utcnow().replace(tzinfo=dt_timezone.utc)\n",
    "    logger.info('run at %s', datetime.now())\n",
])
def test_labels_epochs_elapsed_and_aware_are_quiet(tmp_path: Path, body: str) -> None:
    root = project(tmp_path, "USE_TZ = True\n", {"shop/jobs.py": (
        "import logging\nfrom datetime import datetime, timezone as dt_timezone\n\n"
        "logger = logging.getLogger(__name__)\n\n\ndef work():\n    pass\n\n\ndef job():\n" + body)})
    assert found(root) == []


@pytest.mark.parametrize("tz, expected", [("UTC", False), ("Europe/Berlin", True)])
def test_calendar_dates_matter_only_with_a_local_time_zone(tmp_path: Path, tz: str, expected: bool) -> None:
    root = project(tmp_path, f"USE_TZ = True\nTIME_ZONE = '{tz}'\n", {
        "shop/models.py": "from django.db import models\n\n\nclass Visit(models.Model):\n"
                          "    day = models.DateField()\n",
        "shop/jobs.py": (
            "from datetime import date, datetime\n\nfrom shop.models import Visit\n\n\n"
            "def record():\n"
            "    Visit(day=datetime.now()).save()\n"
            "    return Visit.objects.filter(day__lt=date.today()).count()\n")})
    assert [line for _, line, _ in found(root)] == ([7, 8] if expected else [])


def test_comparison_with_another_naive_value_is_quiet(tmp_path: Path) -> None:
    root = project(tmp_path, "USE_TZ = True\n", {"shop/jobs.py": (
        "from datetime import datetime\n\n\n"
        "def expired(text):\n"
        "    eol = datetime.strptime(text, '%Y-%m-%d')\n"
        "    now = datetime.now()\n"
        "    return eol < now and (now - eol).days\n")})
    assert found(root) == []
