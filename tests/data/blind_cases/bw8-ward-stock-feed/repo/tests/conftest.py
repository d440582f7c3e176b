import pytest

from pharmacy.feeds.client import FeedClient
from pharmacy.models import Drug, StockLevel, Ward


@pytest.fixture
def icu(db):
    return Ward.objects.create(code="ICU", name="Intensive Care", pharmacist_email="icu.pharm@stbrendans.example")


@pytest.fixture
def morphine(db):
    return Drug.objects.create(code="MOR10", name="Morphine 10mg/ml inj", unit="amp", controlled=True)


@pytest.fixture
def stocked_icu(icu, morphine):
    StockLevel.objects.create(ward=icu, drug=morphine, quantity=40, par_level=10)
    return icu


@pytest.fixture
def feed(monkeypatch):
    """Replace the HTTP layer: set feed.get / feed.post to callables (path[, body]) -> dict."""
    class Fake:
        get = None
        post = None
        calls = []

    fake = Fake()
    fake.calls = []

    def get_json(self, path):
        fake.calls.append(("GET", path))
        return fake.get(path)

    def post_json(self, path, body):
        fake.calls.append(("POST", path))
        return fake.post(path, body)

    monkeypatch.setattr(FeedClient, "get_json", get_json)
    monkeypatch.setattr(FeedClient, "post_json", post_json)
    return fake
