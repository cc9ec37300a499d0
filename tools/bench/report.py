"""Figures of several runs and the table `make bench` prints (pure functions)."""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from tools.bench.measure import Sample

HEADERS = (
    "variant",
    "runs",
    "wall s median",
    "min",
    "max",
    "CPU s median",
    "peak MiB",
    "ms/post",
    "× vanilla",
    "× ours cold",
)
MISSING = "-"


@dataclass(frozen=True)
class Stats:
    """The figures of one variant over its runs."""

    runs: int
    median: float
    minimum: float
    maximum: float
    cpu_median: float
    peak_mib: float


def summarize(samples: Sequence[Sample]) -> Stats:
    """Return median, min and max wall time, median CPU time, highest peak memory."""
    if not samples:
        raise ValueError("no sample to summarize")
    walls = [sample.wall for sample in samples]
    return Stats(
        runs=len(samples),
        median=statistics.median(walls),
        minimum=min(walls),
        maximum=max(walls),
        cpu_median=statistics.median(sample.cpu for sample in samples),
        peak_mib=max(sample.peak_kib for sample in samples) / 1024,
    )


def ratio(value: Stats, baseline: Stats | None) -> str:
    """Return value's median wall time over the baseline's, as `0.85`, or '-'."""
    if baseline is None or baseline.median <= 0:
        return MISSING
    return f"{value.median / baseline.median:.2f}"


def table_rows(
    results: Sequence[tuple[str, Stats]],
    posts: int,
    vanilla: str,
    cold: str,
) -> list[tuple[str, ...]]:
    """Return one row of cells per variant, in the order of HEADERS.

    `vanilla` and `cold` name the variants the ratios divide by; a ratio is
    '-' when that variant was not measured.
    """
    by_name = dict(results)
    rows = []
    for name, stats in results:
        rows.append(
            (
                name,
                str(stats.runs),
                f"{stats.median:.2f}",
                f"{stats.minimum:.2f}",
                f"{stats.maximum:.2f}",
                f"{stats.cpu_median:.2f}",
                f"{stats.peak_mib:.0f}",
                f"{stats.median * 1000 / posts:.1f}" if posts else MISSING,
                ratio(stats, by_name.get(vanilla)),
                ratio(stats, by_name.get(cold)),
            )
        )
    return rows


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Return a Markdown table, columns aligned: text left, figures right."""
    widths = [
        max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)
    ]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(
        "-" * (width + 1) + (":" if index else "-")
        for index, width in enumerate(widths)
    )
    return "\n".join([line(headers), rule + "|", *(line(row) for row in rows)])
