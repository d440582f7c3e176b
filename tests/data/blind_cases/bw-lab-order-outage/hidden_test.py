"""Acceptance tests: while the reference lab's API is down or overloaded, a lab
order is sent again later (the task's retry/backoff), not marked "rejected";
requests the lab really refuses are still marked rejected without retrying."""
import pytest

from labs.client import LabRequestRejected, LabUnavailable
from labs.models import LabOrder
from labs.tasks import submit_lab_order


class FlakyLab:
    """Lab API stand-in: ``outages`` calls fail with 503, then requisitions are accepted."""

    outages = 0
    calls = 0
    accepted = []

    def submit_requisition(self, requisition):
        FlakyLab.calls += 1
        if FlakyLab.calls <= FlakyLab.outages:
            raise LabUnavailable("503 Service Unavailable: upstream maintenance")
        FlakyLab.accepted.append(requisition)
        return f"NW9{len(FlakyLab.accepted):05d}"


class RefusingLab:
    calls = 0

    def submit_requisition(self, requisition):
        RefusingLab.calls += 1
        raise LabRequestRejected("422 Unprocessable Entity: test code T4 not available for species rabbit")


@pytest.fixture
def flaky_lab(settings):
    FlakyLab.outages = 0
    FlakyLab.calls = 0
    FlakyLab.accepted = []
    settings.LAB_CLIENT = f"{__name__}.FlakyLab"
    return FlakyLab


@pytest.fixture
def queued_order(appointment, catalogue):
    order = LabOrder.objects.create(appointment=appointment, ordered_by="Dr. Osei", status=LabOrder.Status.QUEUED)
    order.tests.set(order.tests.model.objects.filter(code__in=["CBC", "CHEM10"]))
    return order


def run_worker(order):
    # what the worker does with the message, retries included (run inline)
    submit_lab_order.apply(args=[order.pk], throw=False)
    order.refresh_from_db()
    return order


@pytest.mark.django_db
def test_order_is_sent_once_the_lab_api_is_back(flaky_lab, queued_order):
    flaky_lab.outages = 2

    order = run_worker(queued_order)

    assert flaky_lab.calls == 3, f"expected 2 retries after two 503s, the lab API was called {flaky_lab.calls}x"
    assert order.status == LabOrder.Status.SUBMITTED
    assert order.accession == "NW900001"
    assert len(flaky_lab.accepted) == 1
    assert flaky_lab.accepted[0]["tests"] == ["CBC", "CHEM10"]


@pytest.mark.django_db
def test_a_single_outage_does_not_reject_the_order(flaky_lab, queued_order):
    flaky_lab.outages = 1

    order = run_worker(queued_order)

    assert order.status != LabOrder.Status.REJECTED
    assert order.status == LabOrder.Status.SUBMITTED
    assert "503" not in order.error


@pytest.mark.django_db
def test_long_outage_is_retried_a_bounded_number_of_times(flaky_lab, queued_order):
    flaky_lab.outages = 10_000

    order = run_worker(queued_order)

    assert 1 < flaky_lab.calls <= 20, f"the lab API was called {flaky_lab.calls}x"
    assert order.status != LabOrder.Status.SUBMITTED
    assert flaky_lab.accepted == []


@pytest.mark.django_db
def test_refused_requisition_is_rejected_without_retrying(settings, queued_order):
    RefusingLab.calls = 0
    settings.LAB_CLIENT = f"{__name__}.RefusingLab"

    order = run_worker(queued_order)

    assert RefusingLab.calls == 1
    assert order.status == LabOrder.Status.REJECTED
    assert "422" in order.error
