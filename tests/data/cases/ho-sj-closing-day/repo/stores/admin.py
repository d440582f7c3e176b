from django.contrib import admin

from .models import Sale, Store

admin.site.register(Store)
admin.site.register(Sale)
