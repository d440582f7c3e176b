from celery import shared_task

from loyalty.models import Card


@shared_task
def scan_card(card_id):
    card = Card.objects.select_related("member").get(pk=card_id)
    member = card.member
    member.points += 5
    member.save()
