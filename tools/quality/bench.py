"""Lighthouse scores of a built site: `python -m tools.quality.bench --help`.

Not a test: the scores move between runs. Serves the folder on 127.0.0.1,
runs Lighthouse (mobile, its default) in Debian's Chromium on each page and
prints performance, accessibility, best practices and SEO out of 100.
"""

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.quality.server import serve

REPO = Path(__file__).resolve().parents[2]
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run"
)
TIMEOUT_SECONDS = 300


@dataclass
class Scores:
    """One page's Lighthouse figures and the audits that cost points."""

    scores: dict[str, int | None]
    lost: dict[str, list[str]]

    def lines(self, page: str) -> list[str]:
        """Return the scores line, then one line of audits to fix, if any."""
        figures = ", ".join(
            f"{name} {'n/a' if score is None else score}"
            for name, score in self.scores.items()
        )
        lines = [f"lighthouse {page}: {figures}"]
        lost = "; ".join(f"{name}: {' '.join(ids)}" for name, ids in self.lost.items())
        if lost:
            lines.append(f"  points lost: {lost}")
        return lines


def read_scores(report: dict) -> Scores:
    """Read the four scores and each category's failed weighted audits."""
    audits = report["audits"]
    scores: dict[str, int | None] = {}
    lost: dict[str, list[str]] = {}
    for name in CATEGORIES:
        category = report["categories"][name]
        score = category["score"]
        scores[name] = None if score is None else round(score * 100)
        failed = [
            ref["id"]
            for ref in category["auditRefs"]
            if ref["weight"] > 0 and (audits[ref["id"]]["score"] or 0) < 1
        ]
        if failed and name != "performance":
            lost[name] = failed
    return Scores(scores, lost)


def run_lighthouse(url: str) -> dict:
    """Run Lighthouse on one URL and return its JSON report."""
    completed = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    return json.loads(completed.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the four Lighthouse scores of each page."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.quality.bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--root", type=Path, required=True, help="the built site")
    parser.add_argument("--pages", nargs="+", default=["/"], metavar="PATH")
    parser.add_argument("--port", type=int, default=0, help="default: a free one")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("bench: lighthouse is not installed (npm ci), nothing measured")
        return 0
    with serve(args.root.resolve(), port=args.port) as base_url:
        for page in args.pages:
            report = run_lighthouse(base_url + page.lstrip("/"))
            print("\n".join(read_scores(report).lines(page)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
