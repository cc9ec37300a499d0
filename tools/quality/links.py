"""Link gate: linkchecker over the served site, internal links and anchors."""

import csv
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tools.quality.findings import Failure, GateResult

TIMEOUT_SECONDS = 600
# Internal links only (no --check-extern): the gate must not need the Internet.
# AnchorCheck reports `page#fragment` links whose target id is missing.
# maxrequestspersecond only applies because the server sends a LinkChecker
# header; without it linkchecker waits up to 0.6 s between requests.
CONFIG = """\
[checking]
threads=4
timeout=30
maxrequestspersecond=1000
[filtering]
checkextern=0
[output]
status=0
[AnchorCheck]
"""


# linkchecker's result for a link it did not fetch (other sites, mailto:, tel:).
SKIPPED_RESULTS = {"filtered", "ignored"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
OTHER_LOCAL = (
    "points to another local server, so it was not checked: "
    "serve the site on the port its SITEURL names (--port)"
)


class LinkCheckerError(RuntimeError):
    """linkchecker could not run or gave no report."""


def _relative(url: str, base_url: str) -> str:
    """Return `url` as a path on the site when it is under `base_url`."""
    if url.startswith(base_url):
        return "/" + url.removeprefix(base_url)
    return url


@dataclass
class LinkReport:
    """linkchecker's verdict: links fetched, links left alone, failures."""

    checked: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)


def _row_failures(row: dict[str, str], base_url: str) -> list[Failure]:
    """Return the failures of one CSV row: broken, warned, or another local server."""
    page = _relative(row["parentname"] or row["url"], base_url)
    target = _relative(row["urlname"] or row["url"], base_url)
    where = f" (line {row['line']}, column {row['column']})" if row["line"] else ""
    if row["result"] in SKIPPED_RESULTS:
        if urlsplit(row["url"]).hostname not in LOCAL_HOSTS:
            return []
        return [Failure("links", page, "other-local-server", target, OTHER_LOCAL)]
    failures = []
    if row["valid"] != "True":
        failures.append(
            Failure("links", page, "broken-link", target, row["result"] + where)
        )
    for warning in filter(None, row["warningstring"].split("\n")):
        rule = "missing-anchor" if warning.startswith("Anchor ") else "link-warning"
        failures.append(Failure("links", page, rule, target, warning + where))
    return failures


def read_report(report: str, base_url: str) -> LinkReport:
    """Read linkchecker's CSV: links fetched and skipped, and the failures."""
    # Comment lines start with "# "; a link row may start with "#anchor;".
    rows = csv.DictReader(
        (line for line in report.splitlines() if not line.startswith("# ")),
        delimiter=";",
    )
    result = LinkReport()
    for row in rows:
        if row["result"] in SKIPPED_RESULTS:
            result.skipped += 1
        else:
            result.checked += 1
        result.failures += _row_failures(row, base_url)
    return result


def check_links(base_url: str, start_pages: Iterable[str]) -> GateResult:
    """Check every link reachable from `start_pages` on the site at `base_url`."""
    start = time.monotonic()
    urls = [base_url + page.lstrip("/") for page in start_pages]
    with tempfile.TemporaryDirectory(prefix="vigie-linkchecker-") as folder:
        config = Path(folder) / "linkcheckerrc"
        config.write_text(CONFIG, encoding="utf-8")
        completed = subprocess.run(
            # The linkchecker installed beside this Python (the project's venv).
            # --verbose logs valid links too, so the summary can count them.
            [
                sys.executable,
                "-m",
                "linkcheck",
                "--config",
                str(config),
                "--no-robots",
                "--output",
                "csv",
                "--verbose",
                "--stdin",
            ],
            input="\n".join(urls),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    # linkchecker exits 1 when it found a problem, 2 or more when it failed.
    if completed.returncode not in {0, 1} or "urlname;" not in completed.stdout:
        raise LinkCheckerError(f"linkchecker failed: {completed.stderr.strip()}")
    report = read_report(completed.stdout, base_url)
    return GateResult(
        gate="links",
        checked=report.checked,
        unit="links",
        failures=report.failures,
        note=f"{report.skipped} outside the site not fetched",
        seconds=time.monotonic() - start,
    )
