"""Campaign status and the order of the campaigns index."""

import datetime as dt

RUNNING, UPCOMING, FINISHED = "en cours", "à venir", "terminée"
_STATUS_ORDER = {RUNNING: 0, UPCOMING: 1, FINISHED: 2}


def campaign_status(
    start: dt.date | None, end: dt.date | None, today: dt.date
) -> str | None:
    """« en cours », « à venir » or « terminée »; None for a campaign without dates."""
    if start is None and end is None:
        return None
    if start is not None and today < start:
        return UPCOMING
    if end is not None and today > end:
        return FINISHED
    return RUNNING


def index_order(status: str | None, start: dt.date | None, posts: int, name: str):
    """Sort key: running, upcoming, finished, then undeclared by number of posts."""
    if status is None:
        return (3, -posts, name.casefold())
    start_key = start.toordinal() if start else 0
    # Upcoming soonest first; running and finished most recent first.
    start_order = start_key if status == UPCOMING else -start_key
    return (_STATUS_ORDER[status], start_order, name.casefold())
