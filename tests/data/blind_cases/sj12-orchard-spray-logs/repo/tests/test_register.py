import io
import zipfile

import pytest

from spraylogs.jobs import refresh_product_register
from spraylogs.models import Product
from spraylogs.register import RegisterFormatError


def register_zip(rows, header="pcp_no,product,active_ingredient,rei_hours,phi_days,status"):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("products.csv", "\n".join([header, *rows]) + "\n")
    return buf.getvalue()


@pytest.mark.django_db
def test_register_refresh_updates_intervals_and_flags_deregistered(product, portal):
    old = Product.objects.create(registration_no="11111", name="Old OP", active_ingredient="azinphos-methyl")
    portal.register_zip = register_zip([
        "28532,Delegate WG,spinetoram,12,14,registered",
        "11111,Old OP,azinphos-methyl,48,21,cancelled",
    ])
    assert refresh_product_register() == {"checked": 2, "deregistered": 1}
    product.refresh_from_db()
    old.refresh_from_db()
    assert (product.phi_days, product.registered) == (14, True)
    assert old.registered is False and old.register_checked_at is not None


@pytest.mark.django_db
def test_register_with_missing_columns_is_rejected(product, portal):
    portal.register_zip = register_zip(["28532,Delegate WG"], header="pcp_no,product")
    with pytest.raises(RegisterFormatError):
        refresh_product_register()
    product.refresh_from_db()
    assert product.register_checked_at is None
