import pytest

from labs.client import MemoryLabClient
from labs.models import Lab, LabOrder
from labs.services import cancel_lab_order, ingest_lab_report, place_lab_order
from labs.parsing import parse_report

from .conftest import make_report


def test_reference_lab_order_is_transmitted_after_commit(pet, vet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        order = place_lab_order(pet, "CBC", lab=Lab.IDEXX, panel_name="Complete blood count", vet=vet)
        assert MemoryLabClient.submitted == []

    assert len(callbacks) == 1
    order.refresh_from_db()
    assert order.status == LabOrder.Status.SUBMITTED
    assert order.lab_reference == f"MEM-{order.accession}"
    assert MemoryLabClient.submitted == [order.accession]


def test_in_house_order_is_not_transmitted(pet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        order = place_lab_order(pet, "SNAP4DX", lab=Lab.IN_HOUSE)

    assert callbacks == []
    assert order.status == LabOrder.Status.SUBMITTED
    assert MemoryLabClient.submitted == []


def test_cancelled_order_ignores_late_report(pet):
    order = place_lab_order(pet, "T4", lab=Lab.IN_HOUSE)
    cancel_lab_order(order, "sample hemolysed")
    ingest_lab_report(parse_report("in_house", make_report(order.accession, panel="T4")))

    order.refresh_from_db()
    assert order.status == LabOrder.Status.CANCELLED
    assert not order.values.exists()


def test_resulted_order_cannot_be_cancelled(pet):
    order = place_lab_order(pet, "T4", lab=Lab.IN_HOUSE)
    ingest_lab_report(parse_report("in_house", make_report(order.accession, panel="T4")))
    with pytest.raises(ValueError):
        cancel_lab_order(order, "too late")
