from io import StringIO

import pytest
from django.core.management import call_command

from catalog.models import Title


@pytest.mark.django_db
def test_import_creates_and_updates_titles(tmp_path):
    Title.objects.create(isbn="9780141439518", title="Pride & Prejudice", genre="")
    path = tmp_path / "titles.csv"
    path.write_text(
        "isbn,title,author,genre,audience,publication_year\n"
        "0-14-143951-3,Pride and Prejudice,Jane Austen,Romance,adult,1813\n"
        "978-0-00-711931-8,Murder on the Orient Express,Agatha Christie,crime,,1934\n"
        "12345,Broken,Nobody,crime,,\n"
        "9781408855652,Philosopher's Stone,J. K. Rowling,Wizards,child,1997\n"
    )
    out, err = StringIO(), StringIO()
    call_command("import_catalogue", str(path), stdout=out, stderr=err)
    assert "2 created, 1 updated, 1 skipped" in out.getvalue()
    assert Title.objects.get(isbn="9780141439518").genre == "romance"
    assert Title.objects.get(isbn="9781408855652").genre == ""
    assert "unknown genre 'wizards'" in err.getvalue()


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "titles.csv"
    path.write_text("isbn,title\n9780141439518,Pride and Prejudice\n")
    call_command("import_catalogue", str(path), "--dry-run", stdout=StringIO())
    assert not Title.objects.exists()
