from django.contrib import admin

from .models import Agent, Reply, Team, Ticket


class ReplyInline(admin.StackedInline):
    model = Reply
    extra = 0


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ("id", "subject", "team", "assignee", "status", "priority", "respond_by")
    list_filter = ("status", "priority", "team")
    search_fields = ("subject", "customer_email")
    inlines = [ReplyInline]


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "team", "available", "open_tickets")


admin.site.register(Team)
