from django.contrib import admin

from .models import BillRun

admin.site.register(BillRun)
