"""Which posts are published, drafts, hidden or scheduled: plain rules."""

import datetime as dt

PUBLISHED, DRAFT, HIDDEN, SCHEDULED = "publié", "brouillon", "masqué", "programmé"


def is_scheduled(date: dt.datetime | None, now: dt.datetime) -> bool:
    """A post whose date is still to come is scheduled (not yet published)."""
    return date is not None and date > now


def publication_state(status: str, date: dt.datetime | None, now: dt.datetime) -> str:
    """The one state a post is in for this build, as shown in the build report."""
    if status == "hidden":
        return HIDDEN
    if status == "draft":
        return SCHEDULED if is_scheduled(date, now) else DRAFT
    return PUBLISHED
