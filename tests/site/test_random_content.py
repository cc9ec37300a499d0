"""Random posts, real builds: a clean build or clear errors, never a traceback."""

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.site.forked_builds import run_builds
from tests.site.test_errors import tree_hash, write_tree
from tests.strategies import plausible_post, post_text

BASE = {
    "authors/ana.md": "Name: Ana\n\nBio.\n",
    "campaigns/touscybervigilants.md": "Title: Tous\nHashtag: #TOUSCYBERVIGILANTS\n",
    "pages/a-propos.md": "Title: À propos\n\nTexte.\n",
}
OUR_LINE = re.compile(r"^content/[^:]+:\d+: \S")
TOTALS = re.compile(
    r"^\d+ erreurs? dans \d+ fichiers? : le site de .+ n'a pas changé\.$"
)
REPORT = re.compile(r"^Site construit dans .+ : (?P<report>.+)$", re.M)
STATES = re.compile(
    r"(\d+) (?:articles? publiés?|brouillons?|masqués?|programmés?)(?: \(|,)"
)

SITES = st.tuples(
    st.lists(post_text(), min_size=1, max_size=3),
    st.lists(post_text(), min_size=1, max_size=3),
    st.lists(plausible_post(), min_size=1, max_size=3),
    st.lists(plausible_post(), min_size=1, max_size=3),
)


@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(SITES)
def test_random_sites_build_cleanly_or_fail_clearly(sites):
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        old = write_tree(root / "old", {"index.html": "ancien site"})
        jobs, hashes = [], []
        for number, posts in enumerate(sites):
            files = {**BASE}
            files.update(
                {f"posts/p{index}.md": text for index, text in enumerate(posts)}
            )
            content = write_tree(root / f"site{number}" / "content", files)
            output = root / f"site{number}" / "output"
            shutil.copytree(old, output)
            hashes.append(tree_hash(output))
            jobs.append({"content": content, "output": output})
        for job, posts, before, build in zip(
            jobs, sites, hashes, run_builds(jobs), strict=True
        ):
            log = build.log
            assert build.returncode in (0, 1), log
            assert "Traceback" not in log and "Could not process" not in log, log
            for line in log.splitlines():
                if line.startswith("content/"):
                    assert OUR_LINE.match(line), line
            if build.returncode:
                assert any(TOTALS.match(line) for line in log.splitlines()), log
                assert tree_hash(build.output) == before
            else:
                report = REPORT.search(log)
                assert report, log
                counted = sum(map(int, STATES.findall(report["report"] + ",")))
                assert counted == len(posts), log
            assert sorted(p.name for p in job["output"].parent.iterdir()) == [
                ".output-build.json",  # the publishing plugin's build state
                "content",
                "output",
            ]
