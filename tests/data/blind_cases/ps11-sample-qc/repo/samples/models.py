from django.db import models


class Project(models.Model):
    code = models.CharField(max_length=16, unique=True)  # e.g. GC1042
    title = models.CharField(max_length=200)
    pi_name = models.CharField(max_length=120)
    contact_email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.code} {self.title}"


class SequencingRun(models.Model):
    class Status(models.TextChoices):
        SEQUENCING = "sequencing", "Sequencing"
        DEMULTIPLEXED = "demultiplexed", "Demultiplexed"
        QC_DONE = "qc_done", "QC done"
        STALE = "stale", "Stale (no QC)"

    run_id = models.CharField(max_length=64, unique=True)  # 240311_A01234_0042_BHXXXXDSX5
    instrument = models.CharField(max_length=32)
    flowcell = models.CharField(max_length=32)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SEQUENCING)
    completed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.run_id


class Sample(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        SEQUENCED = "sequenced", "Sequenced"
        ON_HOLD = "on_hold", "On hold (QC)"
        RELEASED = "released", "Released"

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="samples")
    run = models.ForeignKey(SequencingRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="samples")
    sample_id = models.CharField(max_length=32, unique=True)  # GC1042_S03, as in the sample sheet
    name = models.CharField(max_length=120, blank=True)  # customer's label
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    released_at = models.DateTimeField(null=True, blank=True)
    hold_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["sample_id"]

    def __str__(self):
        return self.sample_id
