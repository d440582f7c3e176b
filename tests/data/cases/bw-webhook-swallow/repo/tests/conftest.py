import pytest

from hooks.models import Endpoint
from hooks.transport import RecordingTransport


@pytest.fixture(autouse=True)
def clear_transport():
    RecordingTransport.sent = []
    yield


@pytest.fixture
def endpoint(db):
    return Endpoint.objects.create(name="warehouse", url="https://wh.example/hooks", secret="s3cr3t",
                                   events="order.paid,order.shipped")
