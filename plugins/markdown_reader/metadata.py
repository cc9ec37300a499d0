"""Turn raw header values into typed post metadata (dates, lists, text)."""

import datetime as dt
from zoneinfo import ZoneInfo

ACCEPTED_DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S")
DATE_HELP = "écrivez-la AAAA-MM-JJ ou AAAA-MM-JJ HH:MM, par exemple 2025-06-04 13:10"


def parse_date(value: object, timezone: str) -> dt.datetime:
    """Read a header date as an aware datetime in `timezone`; ValueError if not.

    Only ISO-like forms are accepted: `02/03/2025` is ambiguous, so refused.
    """
    zone = ZoneInfo(timezone)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=zone)
    text = str(value).strip().replace("T", " ")
    for date_format in ACCEPTED_DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, date_format)
        except ValueError:
            continue
        return parsed.replace(tzinfo=zone)
    raise ValueError(f"la date « {value} » n'est pas reconnue : {DATE_HELP}.")


def split_list(value: object) -> list[str]:
    """Split a comma-separated header value (or a YAML list) into clean items."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def as_text(value: object) -> str:
    """Render a header value as one line of text (YAML lists joined by spaces)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    return str(value).strip()
