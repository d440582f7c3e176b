import dramatiq
import pytest

from partners.models import Partner


@pytest.fixture
def stub_broker():
    from coverwise.broker import broker

    broker.flush_all()
    yield broker
    broker.flush_all()


@pytest.fixture
def stub_worker(stub_broker):
    worker = dramatiq.Worker(stub_broker, worker_timeout=50, worker_threads=1)
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def partner(db):
    return Partner.objects.create(
        code="harbour",
        name="Harbour Mutual",
        base_url="https://api.harbour.test/v1/",
        api_key="k-harbour",
        product_lines=["motor", "home"],
    )
