"""The benchmark's figures and table (tools/bench/report.py): no timing here."""

import pytest

from tools.bench.measure import Sample
from tools.bench.report import (
    HEADERS,
    MISSING,
    Stats,
    format_table,
    ratio,
    summarize,
    table_rows,
)


def stats(median: float) -> Stats:
    return Stats(
        runs=3, median=median, minimum=median, maximum=median, cpu_median=1, peak_mib=1
    )


def test_summarize_takes_median_min_max_and_highest_peak():
    samples = [
        Sample(wall=3.0, cpu=2.0, peak_kib=2048),
        Sample(wall=1.0, cpu=1.0, peak_kib=4096),
        Sample(wall=2.0, cpu=5.0, peak_kib=1024),
    ]
    assert summarize(samples) == Stats(
        runs=3, median=2.0, minimum=1.0, maximum=3.0, cpu_median=2.0, peak_mib=4.0
    )


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    samples = [Sample(wall, 1.0, 1024) for wall in (4.0, 1.0, 2.0, 3.0)]
    assert summarize(samples).median == 2.5


def test_summarize_refuses_no_sample():
    with pytest.raises(ValueError, match="no sample"):
        summarize([])


@pytest.mark.parametrize(
    ("value", "baseline", "expected"),
    [
        (stats(15.0), stats(10.0), "1.50"),
        (stats(1.0), stats(3.0), "0.33"),
        (stats(1.0), None, MISSING),
        (stats(1.0), stats(0.0), MISSING),
    ],
)
def test_ratio_divides_medians(value, baseline, expected):
    assert ratio(value, baseline) == expected


def test_rows_give_ms_per_post_and_both_ratios():
    results = [("ours", stats(20.0)), ("vanilla", stats(16.0)), ("rebuild", stats(2.0))]
    rows = table_rows(results, posts=1000, vanilla="vanilla", cold="ours")
    assert [len(row) for row in rows] == [len(HEADERS)] * 3
    ours, vanilla, rebuild = rows
    assert ours[HEADERS.index("ms/post")] == "20.0"
    assert ours[HEADERS.index("× vanilla")] == "1.25"
    assert vanilla[HEADERS.index("× ours cold")] == "0.80"
    assert rebuild[HEADERS.index("× ours cold")] == "0.10"


def test_ratio_to_a_variant_not_measured_is_missing():
    rows = table_rows([("ours", stats(2.0))], posts=10, vanilla="vanilla", cold="ours")
    assert rows[0][HEADERS.index("× vanilla")] == MISSING
    assert rows[0][HEADERS.index("× ours cold")] == "1.00"


def test_table_aligns_text_left_and_figures_right():
    table = format_table(
        ("variant", "s"), [("ours", "1.5"), ("vanilla Pelican", "12.25")]
    )
    lines = table.splitlines()
    assert lines == [
        "| variant         |     s |",
        "|-----------------|------:|",
        "| ours            |   1.5 |",
        "| vanilla Pelican | 12.25 |",
    ]
