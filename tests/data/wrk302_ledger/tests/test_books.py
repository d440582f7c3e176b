import pytest

from books.models import Entry
from books.services import open_account, post_entry

pytestmark = pytest.mark.django_db(databases="__all__")


def test_post_entry():
    entry = post_entry(120)
    assert Entry.objects.get(pk=entry.pk).amount == 120


def test_empty_entry_is_refused():
    with pytest.raises(ValueError):
        post_entry(0)
    assert not Entry.objects.exists()


def test_open_account():
    opened = []
    account = open_account("cash", opened.append)
    assert account.name == "cash"
