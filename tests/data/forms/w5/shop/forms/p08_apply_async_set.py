from shop import tasks as shop_tasks


def tag(line_ids):
    shop_tasks.tag_lines.apply_async(args=[set(line_ids)], countdown=5)
