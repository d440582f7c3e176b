import json
from datetime import datetime, timezone as dt_timezone
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vineyard.models import SprayRecord
from vineyard.spray_diary import export_spray_diary


@pytest.mark.django_db
def test_spray_diary_export(blocks, export_dirs):
    SprayRecord.objects.create(block=blocks["KEL/S1"], applied_at=datetime(2024, 3, 10, 22, 0, tzinfo=dt_timezone.utc),
                               product="Sulfur 800 WG", rate_per_ha=Decimal("3.00"), unit="kg", withholding_days=0,
                               operator="Łukasz Żmuda")
    path, count = export_spray_diary(days=7, now=datetime(2024, 3, 12, 1, 0, tzinfo=dt_timezone.utc))
    assert count == 1
    assert path.name == "spray-diary-2024-03-12.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["entries"][0]["operator"] == "Łukasz Żmuda"
    assert [p.name for p in export_dirs.EXPORT_OUTBOX.iterdir()] == [path.name]


@pytest.mark.django_db
def test_push_outbox_hands_over_finished_files(ticket, export_dirs):
    ticket(1001, "KEL/S1", 7, 21000)
    call_command("export_weighbridge", "--date", "2024-03-12", stdout=StringIO())
    (export_dirs.EXPORT_OUTBOX / "notes.txt").write_text("ignore me")

    out = StringIO()
    call_command("push_outbox", stdout=out)

    assert "1 file(s) sent" in out.getvalue()
    assert (export_dirs.ACCOUNTING_SHARE / "weighbridge-2024-03-12.csv").exists()
    assert (export_dirs.EXPORT_SENT / "weighbridge-2024-03-12.csv").exists()
    assert sorted(p.name for p in export_dirs.EXPORT_OUTBOX.iterdir()) == ["notes.txt"]


@pytest.mark.django_db
def test_push_outbox_needs_the_share(export_dirs, tmp_path):
    export_dirs.ACCOUNTING_SHARE = tmp_path / "not-mounted"
    with pytest.raises(CommandError, match="not mounted"):
        call_command("push_outbox", stdout=StringIO())
