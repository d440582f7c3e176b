from celery import shared_task
from django.db.models import F

from loyalty.models import Card, Member


@shared_task
def use_all_cards(member_id):
    member = Member.objects.get(pk=member_id)
    for card in member.cards.all():
        Card.objects.filter(pk=card.pk).update(uses=F("uses") + 1)
