"""The build's French messages: problem lines, totals, the final report."""

import datetime as dt
from collections import Counter

import pytest
from markdown_reader.headers import Problem
from schedule.status import DRAFT, HIDDEN, PUBLISHED, SCHEDULED
from validation.report import (
    Issue,
    SiteCount,
    build_report,
    issue_line,
    sorted_issues,
    totals_line,
    warnings_line,
)

PARIS = dt.timezone(dt.timedelta(hours=1))


def error(path, line, message="m"):
    return Issue(path, Problem(line, message, "dates"))


def warning(path, line, message="w"):
    return Issue(path, Problem(line, message, "images", warning=True))


def test_issue_line_points_to_the_guide():
    assert issue_line(error("content/posts/a.md", 3, "la date…")) == (
        "content/posts/a.md:3: la date… (voir docs/guide-redaction.md#dates)"
    )
    assert issue_line(warning("content/posts/a.md", 9, "image")) == (
        "content/posts/a.md:9: attention : image (voir docs/guide-redaction.md#images)"
    )


def test_issues_sort_by_file_then_line_without_repeats():
    issues = [error("b.md", 1), error("a.md", 10), error("a.md", 2), error("a.md", 2)]
    assert [(i.path, i.problem.line) for i in sorted_issues(issues)] == [
        ("a.md", 2),
        ("a.md", 10),
        ("b.md", 1),
    ]


@pytest.mark.parametrize(
    ("issues", "others", "strict", "expected"),
    [
        ([error("a.md", 1)], (0, 0), False, "1 erreur dans 1 fichier"),
        (
            [error("a.md", 1), error("a.md", 2), error("b.md", 1), warning("c.md", 1)],
            (0, 0),
            False,
            "3 erreurs dans 2 fichiers",
        ),
        (
            [error("a.md", 1), warning("c.md", 1)],
            (0, 1),
            True,
            "3 erreurs dans 2 fichiers (dont 2 avertissements, comptés comme des "
            "erreurs avec STRICT=1), dont certaines signalées plus haut",
        ),
        (
            [],
            (2, 0),
            False,
            "2 erreurs dans 0 fichier, dont certaines signalées plus haut",
        ),
    ],
)
def test_totals_line(issues, others, strict, expected):
    assert totals_line(issues, *others, strict=strict) == expected


def test_warnings_line():
    assert warnings_line(0) == ""
    assert warnings_line(1) == "1 avertissement (voir plus haut)"
    assert warnings_line(2) == "2 avertissements (voir plus haut)"


def test_report_counts_every_state_in_french():
    count = SiteCount(
        states=Counter({PUBLISHED: 14, DRAFT: 1, HIDDEN: 1, SCHEDULED: 1}),
        scheduled_dates=[dt.datetime(2027, 2, 15, 9, 0, tzinfo=PARIS)],
        pages=3,
        campaigns=2,
        authors=5,
    )
    assert build_report(count) == (
        "14 articles publiés, 1 brouillon, 1 masqué, 1 programmé "
        "(le 15 février 2027), 3 pages, 2 campagnes, 5 auteurs"
    )


def test_report_leaves_out_empty_states_and_lists_a_few_dates():
    dates = [dt.datetime(2027, month, 1, tzinfo=PARIS) for month in (5, 3, 4, 3, 6)]
    count = SiteCount(
        states=Counter({PUBLISHED: 1, SCHEDULED: 5}),
        scheduled_dates=dates,
        campaigns=0,
        authors=1,
    )
    assert build_report(count) == (
        "1 article publié, 5 programmés (le 1er mars 2027, le 1er avril 2027, "
        "le 1er mai 2027, …), 0 campagne, 1 auteur"
    )
