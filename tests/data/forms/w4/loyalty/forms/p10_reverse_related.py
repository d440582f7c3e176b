from celery import shared_task

from loyalty.models import Member


@shared_task
def use_all_cards(member_id):
    member = Member.objects.get(pk=member_id)
    for card in member.cards.all():
        card.uses += 1
        card.save(update_fields=["uses"])
