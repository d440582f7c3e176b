from django.db import models


class BranchCirculationDay(models.Model):
    day = models.DateField()
    branch_code = models.CharField(max_length=8)
    format = models.CharField(max_length=10)
    checkouts = models.PositiveIntegerField()
    renewals = models.PositiveIntegerField()
    patrons = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "branch_code", "format"], name="one_row_per_branch_day")]
