from django.contrib import admin

from .models import Farm, Member, PriceSchedule

admin.site.register(Member)
admin.site.register(Farm)
admin.site.register(PriceSchedule)
