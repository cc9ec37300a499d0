"""The benchmark's runs: variants in alternation, each into a fresh output folder.

One round runs every selected variant once (A B C, then our rebuilds), and
the rounds repeat, so a burst of load on the shared machine spreads over all
variants instead of landing on one.
"""

import logging
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from tools.bench import variants
from tools.bench.measure import Sample, measure
from tools.bench.workspace import Workspace

logger = logging.getLogger(__name__)

OURS_COLD = "ours, cold"
VANILLA = "vanilla Pelican, cold"
HUGO = "Hugo, cold"
OURS_FIRST = "ours, first build (rebuild mode)"
REBUILD_BODY = "ours, rebuild: one body edited"
REBUILD_HASHTAGS = "ours, rebuild: one post's hashtags edited"
REBUILD_NOTHING = "ours, rebuild: nothing changed"
REBUILD_NO_RECORD = "ours, rebuild: nothing changed, build record deleted"
# The groups `--only` selects, and the rows each one fills, in table order.
GROUPS = {
    "ours": (OURS_COLD,),
    "vanilla": (VANILLA,),
    "hugo": (HUGO,),
    "rebuild": (
        OURS_FIRST,
        REBUILD_BODY,
        REBUILD_HASHTAGS,
        REBUILD_NOTHING,
        REBUILD_NO_RECORD,
    ),
}


def run_bench(
    workspace: Workspace, runs: int, groups: Sequence[str]
) -> dict[str, list[Sample]]:
    """Run `runs` rounds of the selected groups; return the samples per row."""
    cold = _cold_variants(workspace, groups)
    samples: dict[str, list[Sample]] = {
        row: [] for group in GROUPS if group in groups for row in GROUPS[group]
    }
    scratch = workspace.scratch()
    try:
        for round_number in range(1, runs + 1):
            for row, command_for in cold:
                output = scratch / "output"
                sample = measure(command_for(output), scratch / "build.log")
                _record(samples, row, sample, round_number, runs)
                shutil.rmtree(output, ignore_errors=True)
            if "rebuild" in groups:
                for row, sample in _rebuild_round(workspace, scratch):
                    _record(samples, row, sample, round_number, runs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return samples


def _cold_variants(
    workspace: Workspace, groups: Sequence[str]
) -> list[tuple[str, Callable[[Path], variants.Command]]]:
    """Return each selected cold build as (row, command for an output folder)."""
    chosen = []
    if "ours" in groups:
        content = workspace.corpus("vigie")
        chosen.append((OURS_COLD, lambda out: variants.our_cold_build(content, out)))
    if "vanilla" in groups:
        venv, tags = workspace.anchor_venv(), workspace.corpus("tags")
        settings = workspace.anchors / "pelican" / "pelicanconf.py"
        chosen.append(
            (VANILLA, lambda out: variants.vanilla_pelican(venv, tags, settings, out))
        )
    if "hugo" in groups:
        binary, site = workspace.hugo_binary(), workspace.hugo_site()
        chosen.append((HUGO, lambda out: variants.hugo(binary, site, out)))
    return chosen


def _rebuild_round(workspace: Workspace, scratch: Path) -> list[tuple[str, Sample]]:
    """Build a fresh copy of our corpus, then rebuild after each edit in turn.

    With nothing changed the whole build is skipped (its record says so);
    the last row deletes that record first, to time page-by-page reuse.
    """
    content = scratch / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(workspace.corpus("vigie"), content)
    output, state = scratch / "rebuild-output", scratch / "rebuild-state"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(state, ignore_errors=True)
    state.mkdir()
    post = variants.pick_post(content)
    command = variants.our_rebuild(content, output, state)
    edits = (
        (OURS_FIRST, None),
        (REBUILD_BODY, variants.edit_body),
        (REBUILD_HASHTAGS, variants.edit_hashtags),
        (REBUILD_NOTHING, None),
        (REBUILD_NO_RECORD, None),
    )
    results = []
    for row, edit in edits:
        if edit is not None:
            post.write_text(edit(post.read_text(encoding="utf-8")), encoding="utf-8")
        if row == REBUILD_NO_RECORD:
            shutil.rmtree(state / variants.BUILD_RECORDS, ignore_errors=True)
        results.append((row, measure(command, scratch / "build.log")))
    shutil.rmtree(output, ignore_errors=True)
    return results


def _record(
    samples: dict[str, list[Sample]],
    row: str,
    sample: Sample,
    round_number: int,
    runs: int,
) -> None:
    """Keep a sample and say it, so a long benchmark shows it is alive."""
    samples[row].append(sample)
    logger.info(
        "round %d/%d %s: %.2f s wall, %.2f s CPU, %.0f MiB",
        round_number,
        runs,
        row,
        sample.wall,
        sample.cpu,
        sample.peak_kib / 1024,
    )
