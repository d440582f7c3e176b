"""Support tickets, the agents who work them and the replies on them."""
from datetime import timedelta

from django.db import models
from django.utils import timezone


class Team(models.Model):
    name = models.CharField(max_length=80, unique=True)
    first_response_hours = models.PositiveSmallIntegerField(default=8)

    def __str__(self):
        return self.name


class Agent(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="agents")
    name = models.CharField(max_length=120)
    email = models.EmailField(unique=True)
    available = models.BooleanField(default=True)
    open_tickets = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.name


class Ticket(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        ASSIGNED = "assigned", "Assigned"
        WAITING = "waiting", "Waiting for customer"
        SOLVED = "solved", "Solved"

    class Priority(models.TextChoices):
        LOW = "low", "Low"
        NORMAL = "normal", "Normal"
        URGENT = "urgent", "Urgent"

    subject = models.CharField(max_length=200)
    body = models.TextField()
    customer_email = models.EmailField()
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="tickets")
    assignee = models.ForeignKey(Agent, on_delete=models.SET_NULL, null=True, blank=True, related_name="tickets")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    respond_by = models.DateTimeField(null=True, blank=True)
    escalated = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"#{self.pk} {self.subject}"

    def sla_deadline(self):
        hours = self.team.first_response_hours
        if self.priority == self.Priority.URGENT:
            hours = max(hours // 4, 1)
        return self.created_at + timedelta(hours=hours)


class Reply(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="replies")
    author_agent = models.ForeignKey(Agent, on_delete=models.SET_NULL, null=True, blank=True)
    body = models.TextField()
    public = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "replies"
