"""Signal glue: mark scheduled posts so previews and reports can say so."""

import datetime as dt

from pelican import signals

from .status import is_scheduled


def mark_scheduled(generator):
    """Flag the drafts that are drafts only because their date is to come."""
    now = dt.datetime.now(dt.UTC)
    for draft in generator.drafts:
        draft.is_scheduled = is_scheduled(getattr(draft, "date", None), now)


def register():
    """Connect the plugin to Pelican."""
    signals.article_generator_pretaxonomy.connect(mark_scheduled)
