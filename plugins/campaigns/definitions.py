"""Campaign files: `content/campaigns/<slug>.md` read into plain values."""

import datetime as dt
from dataclasses import dataclass

from markdown_reader.headers import Problem, parse_source
from markdown_reader.metadata import as_text, parse_date

from .hashtags import hashtag_slug, parse_hashtags_field


@dataclass(frozen=True)
class CampaignDefinition:
    """What a campaign file declares about one hashtag."""

    slug: str
    title: str
    hashtag: str
    start: dt.date | None = None
    end: dt.date | None = None
    summary: str = ""
    image: str = ""
    share: str = ""
    description_markdown: str = ""


def _optional_day(parsed, key: str, problems: list[Problem]) -> dt.date | None:
    """Read an optional Start/End day; a bad one becomes a problem."""
    value = parsed.value(key)
    if value in (None, ""):
        return None
    try:
        return parse_date(value, "Europe/Paris").date()
    except ValueError as error:
        problems.append(Problem(parsed.line(key), str(error)))
        return None


def parse_campaign(
    file_slug: str, text: str
) -> tuple[CampaignDefinition | None, list[Problem]]:
    """Read a campaign file's text; return the definition, or None and problems."""
    parsed = parse_source(text)
    problems = list(parsed.problems)
    title = as_text(parsed.value("title"))
    if not title:
        problems.append(
            Problem(1, "il manque le nom de la campagne : ajoutez « Title: … ».")
        )
    spellings, invalid = parse_hashtags_field(as_text(parsed.value("hashtag")))
    hashtag = spellings[0] if len(spellings) == 1 and not invalid else ""
    if not hashtag:
        problems.append(
            Problem(
                parsed.line("hashtag"),
                "il faut un seul mot-dièse, "
                "par exemple « Hashtag: #TOUSCYBERVIGILANTS ».",
            )
        )
    elif hashtag_slug(hashtag) != file_slug:
        problems.append(
            Problem(
                parsed.line("hashtag"),
                f"le mot-dièse #{hashtag} ne correspond pas au nom du fichier : "
                f"renommez le fichier en {hashtag_slug(hashtag)}.md.",
            )
        )
    start = _optional_day(parsed, "start", problems)
    end = _optional_day(parsed, "end", problems)
    if start and end and end < start:
        problems.append(
            Problem(
                parsed.line("end"),
                "la date de fin (End) précède la date de début (Start) : corrigez-la.",
            )
        )
    if problems:
        return None, problems
    return (
        CampaignDefinition(
            slug=file_slug,
            title=title,
            hashtag=hashtag,
            start=start,
            end=end,
            summary=as_text(parsed.value("summary")),
            image=as_text(parsed.value("image")),
            share=as_text(parsed.value("share")),
            description_markdown=parsed.body.strip(),
        ),
        [],
    )
