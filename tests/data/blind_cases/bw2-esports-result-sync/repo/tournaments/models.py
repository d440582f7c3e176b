from django.db import models
from django.utils import timezone


class Tournament(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    game = models.CharField(max_length=40)
    best_of = models.PositiveSmallIntegerField(default=3)
    starts_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    def __str__(self):
        return self.name


class Team(models.Model):
    tag = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=80)
    captain_email = models.EmailField()
    rating = models.IntegerField(default=1500)

    def __str__(self):
        return self.tag


class Entry(models.Model):
    tournament = models.ForeignKey(Tournament, on_delete=models.CASCADE, related_name="entries")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="entries")
    seed = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["tournament", "seed"]
        constraints = [
            models.UniqueConstraint(fields=["tournament", "team"], name="uniq_entry_team"),
            models.UniqueConstraint(fields=["tournament", "seed"], name="uniq_entry_seed"),
        ]


class Match(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for teams"
        SCHEDULED = "scheduled", "Scheduled"
        LIVE = "live", "Live"
        COMPLETED = "completed", "Completed"

    tournament = models.ForeignKey(Tournament, on_delete=models.CASCADE, related_name="matches")
    round = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField()
    best_of = models.PositiveSmallIntegerField(default=3)
    team_a = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    team_b = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    score_a = models.PositiveSmallIntegerField(null=True, blank=True)
    score_b = models.PositiveSmallIntegerField(null=True, blank=True)
    winner = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    next_match = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="feeders")
    next_slot = models.CharField(max_length=1, blank=True, help_text="'a' or 'b' in next_match")
    external_id = models.CharField(max_length=64, blank=True, help_text="match id in the publisher API")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["tournament", "round", "position"]
        verbose_name_plural = "matches"
        constraints = [models.UniqueConstraint(fields=["tournament", "round", "position"], name="uniq_match_slot")]

    def __str__(self):
        a = self.team_a.tag if self.team_a else "TBD"
        b = self.team_b.tag if self.team_b else "TBD"
        return f"{self.tournament.slug} R{self.round}.{self.position} {a} vs {b}"

    @property
    def is_final(self):
        return self.next_match_id is None

    def go_live(self, external_id):
        self.external_id = external_id
        self.status = self.Status.LIVE
        self.started_at = timezone.now()
        self.save(update_fields=["external_id", "status", "started_at"])


class StandingsSnapshot(models.Model):
    tournament = models.ForeignKey(Tournament, on_delete=models.CASCADE, related_name="snapshots")
    created_at = models.DateTimeField(default=timezone.now)
    body = models.JSONField()

    class Meta:
        ordering = ["-created_at"]
