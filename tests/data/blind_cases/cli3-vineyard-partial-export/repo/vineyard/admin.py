from django.contrib import admin

from .models import Block, Grower, SprayRecord, Variety

admin.site.register(Grower)
admin.site.register(Variety)
admin.site.register(Block)
admin.site.register(SprayRecord)
