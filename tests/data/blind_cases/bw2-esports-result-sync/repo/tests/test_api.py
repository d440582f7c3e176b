import json

from tournaments.models import Match


def test_referee_flow(client, cup, game_api, django_capture_on_commit_callbacks):
    semi = cup.matches.get(round=1, position=1)
    resp = client.post(f"/api/matches/{semi.pk}/start/", data=json.dumps({"external_id": "val-1"}),
                       content_type="application/json")
    assert resp.status_code == 200
    game_api.matches["val-1"] = {"state": "finished", "teams": [{"tag": "NRG", "score": 2}, {"tag": "EG", "score": 0}]}
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(f"/api/matches/{semi.pk}/finished/")
    assert resp.status_code == 202
    bracket = client.get("/api/tournaments/winter-cup/bracket/").json()
    done = [m for m in bracket["matches"] if m["id"] == semi.pk][0]
    assert done["winner"] == "NRG"
    assert Match.objects.get(round=2).team_a.tag == "NRG"


def test_cannot_finish_a_match_that_is_not_live(client, cup):
    semi = cup.matches.get(round=1, position=1)
    assert client.post(f"/api/matches/{semi.pk}/finished/").status_code == 409
