from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from reserves.models import Species
from reserves.tasks import alert_rangers


def test_load_species(db, tmp_path):
    sheet = tmp_path / "species.csv"
    sheet.write_text(
        "label_code,common_name,scientific_name,min_confidence,protected,invasive\n"
        "lynx_lynx,Eurasian lynx,Lynx lynx,0.70,yes,\n"
        "procyon_lotor,Raccoon,Procyon lotor,,,x\n",
        encoding="utf-8",
    )
    call_command("load_species", str(sheet))
    lynx = Species.objects.get(label_code="lynx_lynx")
    raccoon = Species.objects.get(label_code="procyon_lotor")
    assert (lynx.min_confidence, lynx.protected, lynx.invasive) == (Decimal("0.70"), True, False)
    assert (raccoon.min_confidence, raccoon.protected, raccoon.invasive) == (Decimal("0.80"), False, True)


def test_load_species_rejects_bad_threshold(db, tmp_path):
    sheet = tmp_path / "species.csv"
    sheet.write_text("label_code,common_name,scientific_name,min_confidence\nx,X,X x,1.5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="between 0 and 1"):
        call_command("load_species", str(sheet))


def test_alert_rangers(hohe_wand):
    assert alert_rangers.delay("hohe-wand", "Eurasian lynx", 2, "2024-05-02").get() is True
    assert mail.outbox[0].to == ["rangers.hw@example.org"]
    assert alert_rangers("nowhere", "Eurasian lynx", 1, "2024-05-02") is False
