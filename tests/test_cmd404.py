"""CMD404 (a handler for one model's miss around a lookup of another model): the handler that makes the missing
row on a miss is reported but not fixed (naming the other model's miss there would create the wrong row), and
a handler for every miss is quiet. The fix itself is checked by the rule's examples and proven by behaviour on
the blind case cli9-museum-moves."""
from __future__ import annotations

from pathlib import Path

from rootfix.check.testing import check_findings, check_noop, dedent

MODELS = dedent('''
    from django.db import models


    class Item(models.Model):
        number = models.CharField(max_length=20, unique=True)


    class Label(models.Model):
        barcode = models.CharField(max_length=20, unique=True)
        item = models.ForeignKey(Item, on_delete=models.CASCADE)
''')
LOOKUP = dedent('''
    from stores.models import Item, Label


    def find(token):
        if token.startswith("KC"):
            return Label.objects.get(barcode=token).item
        return Item.objects.get(number=token)
''')


def test_a_handler_that_creates_on_a_miss_is_not_fixed(tmp_path: Path) -> None:
    code = dedent('''
        from stores.lookups import find
        from stores.models import Item


        def ensure(token):
            try:
                return find(token)
            except Item.DoesNotExist:
                return Item.objects.create(number=token)
    ''')
    files = {"stores/__init__.py": "", "stores/models.py": MODELS, "stores/lookups.py": LOOKUP,
             "stores/ensure.py": code}
    found = check_findings("CMD404", files, path="stores/ensure.py", count=1, root=tmp_path, all_code=True)
    assert not found[0].fixable


def test_every_miss_handled_is_quiet(tmp_path: Path) -> None:
    code = dedent('''
        from django.core.exceptions import ObjectDoesNotExist

        from stores.lookups import find
        from stores.models import Item, Label


        def resolve(token):
            try:
                return find(token)
            except (Item.DoesNotExist, Label.DoesNotExist):
                return None


        def resolve_any(token):
            try:
                return find(token)
            except ObjectDoesNotExist:
                return None
    ''')
    files = {"stores/__init__.py": "", "stores/models.py": MODELS, "stores/lookups.py": LOOKUP,
             "stores/resolve.py": code}
    check_noop("CMD404", files, root=tmp_path, all_code=True)
