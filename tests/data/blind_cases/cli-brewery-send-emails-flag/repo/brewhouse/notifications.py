from django.conf import settings
from django.core.mail import send_mail


def notify_cellar_team(batches):
    """One email listing the batches that are ready to move to conditioning."""
    if not batches:
        return 0
    lines = []
    for batch in batches:
        abv = f"{batch.abv}%" if batch.abv is not None else "n/a"
        lines.append(f"{batch.code}  {batch.recipe.name:<24} tank {batch.tank or '-'}  FG {batch.final_gravity}  ABV {abv}")
    body = "These batches have finished fermenting and can be crashed / moved to conditioning:\n\n" + "\n".join(lines)
    subject = f"[kettleworks] {len(batches)} batch(es) ready for conditioning"
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, settings.CELLAR_TEAM_EMAILS)


def notify_purchasing(levels):
    if not levels:
        return 0
    lines = [
        f"{lvl.site.code}  {lvl.ingredient.name:<28} {lvl.quantity_kg} kg (reorder at {lvl.ingredient.reorder_level_kg} kg)"
        for lvl in levels
    ]
    subject = f"[kettleworks] {len(levels)} ingredient(s) below reorder level"
    body = "Please reorder:\n\n" + "\n".join(lines)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, settings.PURCHASING_EMAILS)


def notify_archived(batches):
    if not batches:
        return 0
    subject = f"[kettleworks] archived {len(batches)} batch(es)"
    body = "\n".join(b.code for b in batches)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, settings.CELLAR_TEAM_EMAILS)
