from shop import tasks as shop_tasks


def tag(line_ids):
    shop_tasks.tag_lines.apply_async(args=[list(set(line_ids))], countdown=5)
