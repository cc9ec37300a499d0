"""Browser gates: axe-core, 320 px reflow and CSP, through `browser.mjs`."""

import json
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from tools.quality.findings import Failure, GateResult

SCRIPT = Path(__file__).with_name("browser.mjs")
REPO = Path(__file__).resolve().parents[2]
SCREENSHOT_WIDTHS = (375, 1280)
# Chromium start plus axe on a few dozen pages; past this something hangs.
TIMEOUT_SECONDS = 600


class BrowserError(RuntimeError):
    """The browser script itself failed (not a finding about a page)."""


def _run(job: dict) -> dict:
    """Run browser.mjs on one job and return its parsed report."""
    if not (REPO / "node_modules" / "playwright-core").is_dir():
        raise BrowserError(
            "node_modules/playwright-core is missing: run tools/quality/setup.sh"
        )
    completed = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if completed.returncode != 0:
        raise BrowserError(f"browser.mjs failed: {completed.stderr.strip()}")
    return json.loads(completed.stdout)


def check_pages(base_url: str, pages: Sequence[str]) -> GateResult:
    """Run axe, the reflow check and the CSP watch on each page of the site."""
    start = time.monotonic()
    report = _run({"mode": "check", "base": base_url, "pages": list(pages)})
    failures = [Failure(**finding) for finding in report["findings"]]
    return GateResult(
        gate="browser",
        checked=len(pages),
        unit="pages",
        failures=failures,
        seconds=time.monotonic() - start,
    )


def take_screenshots(
    base_url: str,
    pages: Sequence[str],
    outdir: Path,
    widths: Sequence[int] = SCREENSHOT_WIDTHS,
) -> list[Path]:
    """Save a full-page PNG of each page at each width into `outdir`."""
    outdir.mkdir(parents=True, exist_ok=True)
    report = _run(
        {
            "mode": "screenshots",
            "base": base_url,
            "pages": list(pages),
            "outdir": str(outdir.resolve()),
            "widths": list(widths),
        }
    )
    return [Path(name) for name in report["files"]]
