import io

import pytest

from ledger.loader import load
from ledger.models import Entry


@pytest.mark.django_db
def test_load():
    assert load(io.StringIO("account,cents\nA,5\n")) == 1
    assert Entry.objects.get().cents == 5
