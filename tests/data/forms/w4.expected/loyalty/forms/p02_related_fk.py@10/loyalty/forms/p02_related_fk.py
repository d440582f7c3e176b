from celery import shared_task
from django.db.models import F

from loyalty.models import Card, Member


@shared_task
def scan_card(card_id):
    card = Card.objects.select_related("member").get(pk=card_id)
    member = card.member
    Member.objects.filter(pk=member.pk).update(points=F("points") + 5)
