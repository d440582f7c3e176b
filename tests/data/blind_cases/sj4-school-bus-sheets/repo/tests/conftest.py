from datetime import time

import pytest

from routes.models import Rider, Route, Stop
from schools.models import School, Student


@pytest.fixture
def route(db):
    school = School.objects.create(code="ACE", name="Alder Creek Elementary", bell_time=time(8, 15))
    route = Route.objects.create(code="R12", school=school, driver="D. Okafor", bus_number="41")
    Stop.objects.create(route=route, sequence=1, name="Maple & 3rd", pickup_time=time(7, 20))
    Stop.objects.create(route=route, sequence=2, name="Creekside Apts", pickup_time=time(7, 32))
    return route


@pytest.fixture
def rider(route):
    counter = {"n": 0}

    def _rider(sequence=1, days="MTWRF", first_name=None):
        counter["n"] += 1
        n = counter["n"]
        student = Student.objects.create(school=route.school, student_number=f"S{n:05d}",
                                         first_name=first_name or f"Kid{n}", last_name="Lee", grade=3)
        Rider.objects.create(student=student, stop=route.stops.get(sequence=sequence), days=days)
        return student

    return _rider
