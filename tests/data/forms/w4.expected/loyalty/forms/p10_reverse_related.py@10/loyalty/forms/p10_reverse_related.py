from celery import shared_task

from loyalty.models import Card, Member
from django.db.models import F


@shared_task
def use_all_cards(member_id):
    member = Member.objects.get(pk=member_id)
    for card in member.cards.all():
        Card.objects.filter(pk=card.pk).update(uses=F("uses") + 1)
