from io import StringIO

import pytest
from django.core.management import call_command

from races.models import Entry, Result
from races.tasks import format_duration, send_result_sms


def test_format_duration():
    assert format_duration(10127) == "2:48:47"


@pytest.mark.django_db
def test_import_entries(race, tmp_path):
    path = tmp_path / "entries.csv"
    path.write_text("bib,name,category,phone\n11,Ada Quist,f40,\n14,Dev Rao,m45,+447700900014\n")
    call_command("import_entries", race.slug, str(path), stdout=StringIO())
    assert Entry.objects.get(race=race, bib=11).category == "F40"
    assert Entry.objects.filter(race=race).count() == 4


@pytest.mark.django_db
def test_send_result_sms(race, monkeypatch):
    sent = []

    class Response:
        status = 201

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr("urllib.request.urlopen", lambda req, timeout: sent.append(req) or Response())
    entry = Entry.objects.get(race=race, bib=11)
    result = Result.objects.create(entry=entry, status=Result.Status.OFFICIAL, chip_time_s=10127, gun_time_s=10130,
                                   overall_place=1)
    assert send_result_sms(result.pk) is True
    assert b"2:48:47" in sent[0].data
