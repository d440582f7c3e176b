from .models import Member


def find_member(code):
    return Member.objects.filter(code=code).first()
