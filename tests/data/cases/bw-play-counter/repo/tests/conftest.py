import pytest

from podcasts.models import Episode, Show


@pytest.fixture
def episode(db):
    show = Show.objects.create(title="Night Shift Radio", slug="night-shift")
    return Episode.objects.create(show=show, title="Pilot", number=1, audio_url="https://cdn.example/ns/1.mp3",
                                  duration_s=1800)
