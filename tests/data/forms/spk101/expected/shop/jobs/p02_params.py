def combine_uploads(web, mobile):
    """Web and mobile uploads, one row per upload."""
    return web.unionByName(mobile).dropDuplicates(["upload_id"])
