from celery import shared_task
from django.db import transaction

from loyalty.models import Card, Member


def members_for_update():
    return Member.objects.order_by("pk").select_for_update()


def use_card(card):
    card.uses += 1
    card.save(update_fields=["uses"])


@shared_task
def scan_member_card(member_id, card_id):
    with transaction.atomic():
        # lock the member row: every scan of this member's cards waits here
        members_for_update().filter(pk=member_id).first()
        card = Card.objects.get(pk=card_id, member_id=member_id)
        use_card(card)
