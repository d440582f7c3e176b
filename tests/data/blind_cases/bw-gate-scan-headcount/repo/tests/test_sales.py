import pytest

from tickets.models import Ticket, TimeSlot
from tickets.sales import SoldOut, refund_ticket, sell_ticket


@pytest.mark.django_db
def test_selling_reserves_places(slot):
    ticket = sell_ticket(slot, party_size=3, holder_name="Ana")
    slot.refresh_from_db()
    assert slot.sold == 3
    assert ticket.code.startswith("GL-")


@pytest.mark.django_db
def test_cannot_oversell(slot):
    sell_ticket(slot, party_size=48, holder_name="School")
    with pytest.raises(SoldOut):
        sell_ticket(slot, party_size=3, holder_name="Late")
    assert TimeSlot.objects.get(pk=slot.pk).sold == 48


@pytest.mark.django_db
def test_refund_gives_places_back_once(slot):
    ticket = sell_ticket(slot, party_size=2, holder_name="Ana")
    assert refund_ticket(ticket) is True
    assert refund_ticket(ticket) is False
    assert TimeSlot.objects.get(pk=slot.pk).sold == 0
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.REFUNDED
