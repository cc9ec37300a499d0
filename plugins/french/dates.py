"""French dates and counts for templates, with Babel (no system locale needed)."""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

LOCALE = "fr_FR"
PARIS = ZoneInfo("Europe/Paris")


def _in_paris(moment: dt.datetime) -> dt.datetime:
    """The same instant, on Paris clocks (naive datetimes are Paris time)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=PARIS)
    return moment.astimezone(PARIS)


# A site shows the same few thousand dates on many pages: Babel formats each
# once per process. Dates and aware datetimes are hashable, and equal ones
# (the same day, the same instant) give the same text here.
@lru_cache(maxsize=65536)
def _format_date(day: dt.date, pattern: str) -> str:
    return format_date(day, pattern, locale=LOCALE)


@lru_cache(maxsize=65536)
def _paris_time(moment: dt.datetime) -> str:
    return format_datetime(moment, "HH:mm", tzinfo=PARIS, locale=LOCALE)


def _day_number(day: int) -> str:
    """French ordinal for the first day of a month: « 1er », else the number."""
    return "1er" if day == 1 else str(day)


def day_fr(moment: dt.date) -> str:
    """« 4 juin 2025 », « 1er octobre 2025 »."""
    if isinstance(moment, dt.datetime):
        moment = _in_paris(moment).date()
    month_year = _format_date(moment, "MMMM y")
    return f"{_day_number(moment.day)} {month_year}"


def datetime_fr(moment: dt.datetime) -> str:
    """« 4 juin 2025 à 13:10 », on Paris clocks."""
    local = _in_paris(moment)
    time = _paris_time(local)
    return f"{day_fr(local)} à {time}"


def month_year_fr(moment: dt.date) -> str:
    """« juin 2025 »."""
    if isinstance(moment, dt.datetime):
        moment = _in_paris(moment).date()
    return _format_date(moment, "MMMM y")


def iso_datetime(moment: dt.datetime) -> str:
    """Machine-readable date for `<time datetime>`: ISO 8601 with offset."""
    return _in_paris(moment).isoformat(timespec="minutes")


def count_fr(number: int, singular: str, plural: str) -> str:
    """« 1 article », « 0 article », « 3 articles » (French: 0 and 1 are singular)."""
    return f"{number} {singular if number < 2 else plural}"


def day_range_fr(start: dt.date | None, end: dt.date | None) -> str:
    """« du 1er au 31 octobre 2025 », « à partir du 1er octobre 2025 », …."""
    if start and end:
        if (start.year, start.month) == (end.year, end.month):
            return f"du {_day_number(start.day)} au {day_fr(end)}"
        if start.year == end.year:
            start_text = f"{_day_number(start.day)} {_format_date(start, 'MMMM')}"
            return f"du {start_text} au {day_fr(end)}"
        return f"du {day_fr(start)} au {day_fr(end)}"
    if start:
        return f"à partir du {day_fr(start)}"
    if end:
        return f"jusqu'au {day_fr(end)}"
    return ""


FILTERS = {
    "day_fr": day_fr,
    "datetime_fr": datetime_fr,
    "month_year_fr": month_year_fr,
    "iso_datetime": iso_datetime,
    "count_fr": count_fr,
    "day_range_fr": day_range_fr,
}
