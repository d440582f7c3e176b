import pytest

from catalogue.links import SupplierPageChecker
from catalogue.models import Variety
from catalogue.tasks import check_supplier_pages

LIVE = {"https://realseeds.example/tomato/brandywine", "https://realseeds.example/tomato/sungold"}


@pytest.fixture
def fake_probe(monkeypatch):
    seen = []

    def probe(self, url):
        seen.append(url)
        return url in LIVE

    monkeypatch.setattr(SupplierPageChecker, "probe", probe)
    return seen


@pytest.mark.django_db
def test_broken_supplier_pages_are_flagged(make_variety, fake_probe):
    ok = make_variety(supplier_page_url="https://realseeds.example/tomato/brandywine")
    gone = make_variety(supplier_page_url="https://realseeds.example/tomato/discontinued")
    no_page = make_variety()

    broken = check_supplier_pages.call_local()

    assert broken == ["https://realseeds.example/tomato/discontinued"]
    assert Variety.objects.get(pk=ok.pk).supplier_page_ok is True
    assert Variety.objects.get(pk=gone.pk).supplier_page_ok is False
    assert Variety.objects.get(pk=no_page.pk).supplier_page_checked_at is None


def test_duplicate_urls_are_checked_once(fake_probe):
    url = "https://realseeds.example/tomato/sungold"
    assert SupplierPageChecker(max_workers=2).check([url, url, ""]) == {url: True}
    assert fake_probe == [url]
