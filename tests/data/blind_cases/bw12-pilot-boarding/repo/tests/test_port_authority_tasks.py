from datetime import timedelta

import pytest
from django.utils import timezone
from dramatiq import Worker

from boarding.models import PilotBooking
from boarding.port_authority import PortAuthorityClient, PortAuthorityRejected, PortAuthorityUnavailable
from boarding.services import book_pilot
from boarding.tasks import cancel_boarding_request, send_boarding_request, sync_arrival_eta


@pytest.mark.django_db
def test_boarding_request_registered_with_vts(vts, pilots, make_arrival):
    booking = book_pilot(make_arrival())
    send_boarding_request(booking.pk)

    booking.refresh_from_db()
    assert booking.port_request_id == "VTS-00001"
    assert booking.port_status == PilotBooking.PortStatus.RECEIVED
    assert booking.port_submitted_at is not None
    method, path, headers, body = vts.calls[0]
    assert (method, path) == ("POST", "/api/v2/pilotage/boarding-requests")
    assert headers["Idempotency-Key"] == booking.reference
    assert headers["Authorization"] == "Bearer test-token"
    assert body["vessel"]["imo"] == "9458080"
    assert body["pilot"]["licence_no"] == booking.pilot.licence_no
    assert body["boarding_time"] == "2024-05-14T14:15:00+00:00"


@pytest.mark.django_db
def test_registered_or_cancelled_bookings_are_not_resent(vts, pilots, make_arrival):
    booking = book_pilot(make_arrival())
    send_boarding_request(booking.pk)
    send_boarding_request(booking.pk)
    assert len(vts.calls) == 1

    other = book_pilot(make_arrival(imo="9632179", vessel_name="MSC OSCAR", loa="366.00"))
    PilotBooking.objects.filter(pk=other.pk).update(status=PilotBooking.Status.CANCELLED)
    send_boarding_request(other.pk)
    assert len(vts.calls) == 1


@pytest.mark.django_db
def test_rejected_boarding_request_raises(vts, pilots, make_arrival):
    booking = book_pilot(make_arrival())
    vts.fail_next.append((422, {"detail": "boarding_time is in the past"}))
    with pytest.raises(PortAuthorityRejected) as exc:
        send_boarding_request(booking.pk)
    assert exc.value.status == 422


@pytest.mark.django_db
def test_cancel_withdraws_request_and_tolerates_unknown_ids(vts, pilots, make_arrival):
    booking = book_pilot(make_arrival())
    send_boarding_request(booking.pk)
    cancel_boarding_request(booking.pk)
    booking.refresh_from_db()
    assert booking.port_status == PilotBooking.PortStatus.CANCELLED
    assert vts.requests == {}

    assert PortAuthorityClient().cancel_boarding_request("VTS-99999") is False


@pytest.mark.django_db
def test_cancel_retries_when_vts_is_down(vts, pilots, make_arrival):
    booking = book_pilot(make_arrival())
    send_boarding_request(booking.pk)
    vts.fail_next.append((503, {"detail": "maintenance"}))
    with pytest.raises(PortAuthorityUnavailable):
        cancel_boarding_request(booking.pk)
    booking.refresh_from_db()
    assert booking.port_status == PilotBooking.PortStatus.RECEIVED


@pytest.mark.django_db
def test_eta_sync_moves_boarding_time(vts, pilots, make_arrival):
    eta = timezone.now().replace(microsecond=0) + timedelta(hours=5)
    arrival = make_arrival(eta=eta)
    booking = book_pilot(arrival)
    send_boarding_request(booking.pk)
    vts.etas[arrival.imo_number] = (eta + timedelta(minutes=40)).isoformat()

    sync_arrival_eta(arrival.pk)

    booking.refresh_from_db()
    assert booking.boarding_time == eta + timedelta(minutes=40) - timedelta(minutes=45)
    assert vts.calls[-1][0] == "PATCH"


@pytest.mark.django_db(transaction=True)
def test_worker_sends_boarding_request(vts, pilots, make_arrival, stub_broker):
    booking = book_pilot(make_arrival())  # enqueued on commit
    worker = Worker(stub_broker, worker_threads=1, worker_timeout=50)
    worker.start()
    try:
        stub_broker.join(send_boarding_request.queue_name, timeout=10_000)
    finally:
        worker.stop()
    booking.refresh_from_db()
    assert booking.port_request_id == "VTS-00001"
