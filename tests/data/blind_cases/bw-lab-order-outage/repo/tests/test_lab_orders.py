import pytest

from labs.client import LabRequestRejected
from labs.models import LabOrder, LabResult, LabTest
from labs.services import OrderError, build_requisition, place_lab_order, store_results
from labs.tasks import poll_lab_results, submit_lab_order


class RejectingLab:
    def submit_requisition(self, requisition):
        raise LabRequestRejected("422 Unprocessable Entity: unknown species 'dragon'")


@pytest.mark.django_db(transaction=True)
def test_placed_order_is_transmitted(appointment, catalogue, fake_lab):
    order = place_lab_order(appointment, ["CBC", "T4"], ordered_by="Dr. Osei", clinical_notes="PU/PD")
    order.refresh_from_db()
    assert order.status == LabOrder.Status.SUBMITTED
    assert order.accession == "NW000001"
    assert fake_lab.submitted[0]["tests"] == ["CBC", "T4"]
    assert fake_lab.submitted[0]["patient"]["species"] == "dog"


@pytest.mark.django_db
def test_unknown_test_code_is_refused(appointment, catalogue):
    with pytest.raises(OrderError):
        place_lab_order(appointment, ["CBC", "XYZ"], ordered_by="Dr. Osei")
    assert LabOrder.objects.count() == 0


@pytest.mark.django_db
def test_rejected_requisition_is_marked(settings, appointment, catalogue):
    settings.LAB_CLIENT = f"{__name__}.RejectingLab"
    order = LabOrder.objects.create(appointment=appointment, ordered_by="Dr. Osei", status=LabOrder.Status.QUEUED)

    assert submit_lab_order.delay(order.pk).get() is None

    order.refresh_from_db()
    assert order.status == LabOrder.Status.REJECTED
    assert "422" in order.error
    assert order.attempts == 1


@pytest.mark.django_db
def test_only_queued_orders_are_sent(appointment, fake_lab):
    order = LabOrder.objects.create(appointment=appointment, ordered_by="Dr. Osei", status=LabOrder.Status.DRAFT)
    submit_lab_order.delay(order.pk)
    assert fake_lab.submitted == []


@pytest.mark.django_db
def test_requisition_payload(appointment, catalogue):
    order = LabOrder.objects.create(appointment=appointment, ordered_by="Dr. Osei")
    order.tests.set(LabTest.objects.filter(code__in=["T4", "CHEM10"]))
    req = build_requisition(order)
    assert req["client_reference"] == f"VP-{order.pk}"
    assert req["tests"] == ["CHEM10", "T4"]
    assert req["patient"]["owner"] == "Dana Whitfield"


@pytest.mark.django_db
def test_results_are_stored_once(appointment, catalogue, fake_lab):
    order = LabOrder.objects.create(appointment=appointment, ordered_by="Dr. Osei",
                                    status=LabOrder.Status.SUBMITTED, accession="NW000777")
    order.tests.set(LabTest.objects.filter(code__in=["CBC", "T4"]))
    fake_lab.results["NW000777"] = [
        {"test": "CBC", "value": "normal"},
        {"test": "T4", "value": 4.9, "unit": "ug/dL", "range": "1.0-4.0", "flag": "H"},
    ]
    assert poll_lab_results.delay(order.pk).get() == 2
    assert store_results(order, fake_lab.results["NW000777"]) == 0
    order.refresh_from_db()
    assert order.status == LabOrder.Status.RESULTED
    assert LabResult.objects.get(order=order, test__code="T4").flag == "H"
