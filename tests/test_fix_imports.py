"""Imports added by fixes land where the project's isort / ruff puts them (checked with ruff itself)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rootfix.codemod.imports import add_from_import
from rootfix.check.engine import run_check

GROUPED = ("import os\nfrom datetime import datetime\n\nfrom celery import shared_task\nfrom django.db import models\n\n"
           "from shop.models import Order\n\nfrom .utils import x\n\n\ndef f():\n    pass\n")


def ruff() -> str | None:
    exe = Path(sys.executable).parent / "ruff"
    return str(exe) if exe.exists() else shutil.which("ruff")


def test_third_party_section_not_after_first_party() -> None:
    out = add_from_import(GROUPED, "django.utils", "timezone", first_party={"shop"})
    assert "from django.db import models\nfrom django.utils import timezone\n\nfrom shop.models" in out


def test_extends_a_grouped_line_but_not_a_single_line_file() -> None:
    grouped = "import os\n\nfrom django.utils import translation\n\nfrom shop import y\n"
    assert "from django.utils import timezone, translation\n" in add_from_import(grouped, "django.utils", "timezone")
    single = ("from django.utils import formats\nfrom django.utils import translation\n\nfrom shop import y\n")
    out = add_from_import(single, "django.utils", "timezone")
    assert out.startswith("from django.utils import formats\nfrom django.utils import timezone\n"
                          "from django.utils import translation\n\nfrom shop import y\n")


def test_new_section_gets_its_own_block() -> None:
    src = '"""Doc."""\nimport os\n\nfrom shop.models import Order\n\n\ndef f():\n    pass\n'
    out = add_from_import(src, "django.utils", "timezone", first_party={"shop"})
    assert out.startswith('"""Doc."""\nimport os\n\nfrom django.utils import timezone\n\nfrom shop.models import')
    # without the package list, the last group of absolute imports is taken as first party
    assert add_from_import(GROUPED, "django.utils", "timezone") == add_from_import(
        GROUPED, "django.utils", "timezone", first_party={"shop"})


@pytest.mark.skipif(ruff() is None, reason="ruff is not installed")
@pytest.mark.parametrize("single", [False, True])
def test_job402_fix_keeps_ruff_isort_clean(tmp_path: Path, single: bool) -> None:
    isort = "force-single-line = true\n" if single else ""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "shop"\nrequires-python = ">=3.11"\n\n[tool.ruff.lint]\nselect = ["I"]\n\n'
        f'[tool.ruff.lint.isort]\nknown-first-party = ["shop"]\n{isort}')
    files = {
        "shop/__init__.py": "", "shop/models.py": "",
        "shop_site/settings.py": "USE_TZ = True\n",
        "shop/jobs.py": (
            "import logging\n" + ("from datetime import datetime\nfrom datetime import timedelta\n\n" if single else "from datetime import datetime, timedelta\n\n")
            + ("from django.db import models\nfrom django.db import transaction\n" if single else
               "from django.db import models, transaction\n")
            + "\nfrom shop.models import Order\n\nlogger = logging.getLogger(__name__)\n\n\n"
            "def expire():\n"
            "    with transaction.atomic():\n"
            "        cutoff = datetime.now() - timedelta(hours=2)\n"
            "        return Order.objects.filter(created_at__lt=cutoff).delete(), models\n"),
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    before = subprocess.run([ruff(), "check", "--no-cache", "shop"], cwd=tmp_path, capture_output=True, text=True)
    assert before.returncode == 0, before.stdout
    r = run_check([tmp_path], root=tmp_path, select="JOB402", all_code=True, use_cache=False, fix=True,
                  unsafe_fixes=True)
    assert r.written == ["shop/jobs.py"]
    assert "timezone.now() - timedelta" in (tmp_path / "shop/jobs.py").read_text()
    after = subprocess.run([ruff(), "check", "--no-cache", "shop"], cwd=tmp_path, capture_output=True, text=True)
    assert after.returncode == 0, after.stdout + (tmp_path / "shop/jobs.py").read_text()


@pytest.mark.skipif(ruff() is None, reason="ruff is not installed")
def test_fix_is_formatted_by_the_projects_ruff_on_changed_lines_only(tmp_path: Path) -> None:
    """A fix that makes a line too long for the project's line-length is wrapped by the project's formatter;
    the rest of the file (deliberately not ruff-formatted) is left alone."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n\n[tool.ruff]\nline-length = 60\n')
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "ruff").symlink_to(ruff())
    files = {
        "shop/__init__.py": "", "shop/models.py": "", "shop_site/settings.py": "USE_TZ = True\n",
        "shop/jobs.py": (
            "from datetime import date\n\nfrom django.utils import timezone\n\nfrom shop.models import Order\n\n"
            "KEEP = {'a':1}\n\n\n"
            "def close_day():\n"
            "    return Order.objects.filter(day=date.today(), state='open').count()\n"),
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    r = run_check([tmp_path], root=tmp_path, select="JOB402", all_code=True, use_cache=False, diff=True,
                  unsafe_fixes=True)
    new = r.changes["shop/jobs.py"][1]
    assert "KEEP = {'a':1}\n" in new  # untouched lines keep their (unformatted) style
    assert "timezone.localdate()" in new and max(len(line) for line in new.splitlines()) <= 60, new
