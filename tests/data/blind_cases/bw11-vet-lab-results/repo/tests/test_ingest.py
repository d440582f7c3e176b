import pytest

from core.models import AuditEntry
from labs.models import Lab, LabOrder, ResultValue
from labs.parsing import LabReportError, parse_report
from labs.services import ingest_lab_report

from .conftest import make_report


@pytest.fixture
def submitted_order(pet, vet):
    return LabOrder.objects.create(lab=Lab.IDEXX, accession="VL-240308-00A1F2", clinic=pet.clinic, pet=pet,
                                   ordering_vet=vet, panel_code="CHEM17", status=LabOrder.Status.SUBMITTED)


def test_final_report_completes_order(submitted_order):
    order = ingest_lab_report(parse_report("idexx", make_report(submitted_order.accession)))

    order.refresh_from_db()
    assert order.pk == submitted_order.pk
    assert order.status == LabOrder.Status.RESULTED
    assert order.has_abnormal is True
    assert list(order.values.values_list("analyte_code", "flag")) == [("ALT", "H"), ("BUN", "")]
    assert AuditEntry.objects.filter(action="lab_order.resulted", object_id=str(order.pk)).exists()


def test_partial_report_keeps_order_open(submitted_order):
    report = make_report(submitted_order.accession, status="partial",
                         results=[{"code": "BUN", "value": "18", "unit": "mg/dL"}])
    ingest_lab_report(parse_report("idexx", report))

    submitted_order.refresh_from_db()
    assert submitted_order.status == LabOrder.Status.SUBMITTED
    assert submitted_order.values.count() == 1


def test_portal_order_is_created_from_its_first_report(pet):
    order = ingest_lab_report(parse_report("antech", make_report("ANT-778812")), source="poll")

    assert order.origin == LabOrder.Origin.LAB_PORTAL
    assert (order.lab, order.pet, order.clinic) == ("antech", pet, pet.clinic)
    assert order.status == LabOrder.Status.RESULTED


def test_report_for_unknown_patient_is_rejected(pet):
    with pytest.raises(LabReportError, match="unknown patient"):
        ingest_lab_report(parse_report("antech", make_report("ANT-778813", pims_id="P-99999")))
    assert not LabOrder.objects.exists()
    assert not ResultValue.objects.exists()


def test_duplicate_final_report_is_ignored(submitted_order):
    ingest_lab_report(parse_report("idexx", make_report(submitted_order.accession)))
    again = make_report(submitted_order.accession, results=[{"code": "ALT", "value": "999", "flag": "HH"}])
    ingest_lab_report(parse_report("idexx", again))

    assert submitted_order.values.get(analyte_code="ALT").value == "212"


def test_owner_notified_once_results_are_saved(submitted_order, django_capture_on_commit_callbacks,
                                               mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        ingest_lab_report(parse_report("idexx", make_report(submitted_order.accession)))

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["dana.l@example.com"]
    assert "Biscuit" in mailoutbox[0].subject
    assert submitted_order.owner_notifications.count() == 1


def test_parse_rejects_unknown_flag():
    report = make_report("X1", results=[{"code": "ALT", "value": "1", "flag": "Q"}])
    with pytest.raises(LabReportError, match="unknown flag"):
        parse_report("idexx", report)
