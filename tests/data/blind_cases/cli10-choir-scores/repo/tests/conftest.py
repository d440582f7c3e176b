from datetime import date, datetime, timezone as dt_timezone

import pytest

from library.models import Concert, Loan, Part, PartCopy, Score
from members.models import Singer


@pytest.fixture
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def singers(db):
    return {
        "zoe": Singer.objects.create(name="Zoë Ferguson", email="zoe@example.org", voice="S",
                                     is_section_leader=True),
        "ana": Singer.objects.create(name="Ana Müller", email="ana@example.org", voice="S"),
        "siobhan": Singer.objects.create(name="Siobhán Kelly", email="siobhan@example.org", voice="A"),
        "tomas": Singer.objects.create(name="Tomáš Novák", email="tomas@example.org", voice="T",
                                       is_section_leader=True),
        "ewan": Singer.objects.create(name="Ewan Reid", email="", voice="B"),
    }


def make_score(catalogue_no, title, composer, parts):
    score = Score.objects.create(catalogue_no=catalogue_no, title=title, composer=composer)
    for label, voice, copies in parts:
        part = Part.objects.create(score=score, label=label, voice=voice)
        for n in range(1, copies + 1):
            PartCopy.objects.create(part=part, number=n)
    return score


@pytest.fixture
def scores(db):
    return {
        "stabat": make_score("D-014", "Stabat Mater", "Antonín Dvořák",
                             [("Soprano", "S", 3), ("Alto", "A", 2), ("Tenor", "T", 2), ("Bass", "B", 2)]),
        "cantique": make_score("F-002", "Cantique de Jean Racine", "Gabriel Fauré",
                               [("Vocal score", "", 6)]),
    }


@pytest.fixture
def concert(scores):
    c = Concert.objects.create(title="Spring Concert", slug="spring-2024", performed_on=date(2024, 5, 18),
                               venue="Canongate Kirk")
    c.programme.set(scores.values())
    return c


@pytest.fixture
def lent(concert, singers):
    """Every singer holds their part of each score in the concert."""
    loaned_at = datetime(2024, 3, 1, 19, 30, tzinfo=dt_timezone.utc)
    loans = []
    for singer in singers.values():
        for score in concert.programme.all():
            for part in score.parts.all():
                if part.voice not in ("", singer.voice):
                    continue
                taken = Loan.objects.open().values("copy")
                copy = PartCopy.objects.filter(part=part).exclude(pk__in=taken).first()
                loans.append(Loan.objects.create(copy=copy, singer=singer, concert=concert,
                                                 loaned_at=loaned_at, due_on=date(2024, 6, 29)))
    return loans
