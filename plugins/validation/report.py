"""What the build tells the writer: problem lines, totals and the final report.

Plain values in, French text out; `french.dates` spells the dates.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from french.dates import count_fr, day_fr
from markdown_reader.headers import Problem
from schedule.status import DRAFT, HIDDEN, PUBLISHED, SCHEDULED

from .rules import GUIDE

# How many dates of scheduled posts the report spells out.
SHOWN_SCHEDULED_DATES = 3


@dataclass(frozen=True)
class Issue:
    """A problem and the file it is in (the path shown to writers)."""

    path: str
    problem: Problem

    @property
    def warning(self) -> bool:
        """Whether it lets the build go on (unless STRICT=1)."""
        return self.problem.warning


def issue_line(issue: Issue) -> str:
    """`path:line: message (voir docs/guide-redaction.md#anchor)`."""
    problem = issue.problem
    prefix = "attention : " if problem.warning else ""
    pointer = f" (voir {GUIDE}#{problem.anchor})" if problem.anchor else ""
    return f"{issue.path}:{problem.line}: {prefix}{problem.message}{pointer}"


def sorted_issues(issues: Iterable[Issue]) -> list[Issue]:
    """By file, then line; one line per distinct problem."""
    unique = {(i.path, i.problem.line, i.problem.message): i for i in issues}
    return [unique[key] for key in sorted(unique)]


def totals_line(
    issues: Iterable[Issue],
    other_errors: int = 0,
    other_warnings: int = 0,
    strict: bool = False,
) -> str:
    """« 3 erreurs dans 2 fichiers », counting warnings too with STRICT=1.

    `other_errors` and `other_warnings` are problems logged by Pelican or
    another plugin that name no file of ours (they were shown as they came).
    """
    issues = list(issues)
    failing = [i for i in issues if strict or not i.warning]
    files = {i.path for i in failing}
    errors = len(failing) + other_errors + (other_warnings if strict else 0)
    text = (
        f"{count_fr(errors, 'erreur', 'erreurs')} dans "
        f"{count_fr(len(files), 'fichier', 'fichiers')}"
    )
    counted_warnings = sum(i.warning for i in failing) + (
        other_warnings if strict else 0
    )
    if strict and counted_warnings:
        text += (
            f" (dont {count_fr(counted_warnings, 'avertissement', 'avertissements')}"
            ", comptés comme des erreurs avec STRICT=1)"
        )
    if other_errors or (strict and other_warnings):
        text += ", dont certaines signalées plus haut"
    return text


def warnings_line(count: int) -> str:
    """« 2 avertissements (voir plus haut) », or '' when there is none."""
    if not count:
        return ""
    return f"{count_fr(count, 'avertissement', 'avertissements')} (voir plus haut)"


@dataclass
class SiteCount:
    """How many of each thing one build found."""

    states: Counter
    scheduled_dates: list[dt.datetime]
    pages: int = 0
    campaigns: int = 0
    authors: int = 0


def build_report(count: SiteCount) -> str:
    """« 14 articles publiés, 1 brouillon, 1 masqué, 1 programmé (le …), … »."""
    states = count.states
    parts = [count_fr(states[PUBLISHED], "article publié", "articles publiés")]
    if states[DRAFT]:
        parts.append(count_fr(states[DRAFT], "brouillon", "brouillons"))
    if states[HIDDEN]:
        parts.append(count_fr(states[HIDDEN], "masqué", "masqués"))
    if states[SCHEDULED]:
        days = list(dict.fromkeys(map(day_fr, sorted(count.scheduled_dates))))
        shown = ", ".join(f"le {day}" for day in days[:SHOWN_SCHEDULED_DATES])
        more = ", …" if len(days) > SHOWN_SCHEDULED_DATES else ""
        parts.append(
            f"{count_fr(states[SCHEDULED], 'programmé', 'programmés')} ({shown}{more})"
        )
    if count.pages:
        parts.append(count_fr(count.pages, "page", "pages"))
    parts.append(count_fr(count.campaigns, "campagne", "campagnes"))
    parts.append(count_fr(count.authors, "auteur", "auteurs"))
    return ", ".join(parts)
