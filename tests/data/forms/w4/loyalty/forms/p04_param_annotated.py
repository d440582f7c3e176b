from loyalty.models import Member


def credit(member: Member, amount):
    member.balance = member.balance + amount
    member.save(update_fields=["balance"])
