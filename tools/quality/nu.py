"""HTML gate: the Nu HTML Checker (vnu.jar) over every HTML file, one JVM."""

import json
import subprocess
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from tools.quality.findings import Failure, GateResult, html_files, page_of_file

REPO = Path(__file__).resolve().parents[2]
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TIMEOUT_SECONDS = 600


class NuCheckerError(RuntimeError):
    """vnu.jar could not run or gave no report."""


def _location(message: dict) -> str:
    """Return `line L:C` and the start of the offending markup."""
    line = message.get("lastLine") or message.get("firstLine")
    column = message.get("firstColumn") or message.get("lastColumn")
    where = f"line {line}:{column}" if line else "document"
    extract = " ".join(message.get("extract", "").split())
    return f"{where} {extract[:80]}".strip()


def failures_from_report(root: Path, report: dict) -> list[Failure]:
    """Turn vnu's JSON report into failures, one per error, named by page."""
    failures = []
    for message in report.get("messages", []):
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        path = Path(unquote(urlparse(message.get("url", "")).path))
        page = page_of_file(root, path) if path.is_relative_to(root) else str(path)
        rule = "nu-error" if message["type"] == "error" else "nu-unreadable"
        failures.append(
            Failure("html", page, rule, _location(message), message["message"])
        )
    return failures


def check_html(root: Path) -> GateResult:
    """Validate every `.html` file under `root` with vnu, errors only."""
    start = time.monotonic()
    root = root.resolve()
    files = html_files(root)
    if not VNU_JAR.is_file():
        raise NuCheckerError(f"{VNU_JAR} is missing: run tools/quality/setup.sh")
    failures = []
    if files:
        completed = subprocess.run(
            [
                "java",
                # A short run: the quick C1 compiler alone saves ~40 % of the
                # time; its bigger frames need a deeper stack than vnu's 512k.
                "-XX:TieredStopAtLevel=1",
                "-Xss8m",
                "-jar",
                str(VNU_JAR),
                "--errors-only",
                "--format",
                "json",
                *map(str, files),
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
        # vnu writes its JSON report on stderr and exits 1 when it found errors.
        try:
            report = json.loads(completed.stderr)
        except json.JSONDecodeError as error:
            message = f"vnu.jar gave no report: {completed.stderr}"
            raise NuCheckerError(message) from error
        failures = failures_from_report(root, report)
    return GateResult(
        gate="html",
        checked=len(files),
        unit="files",
        failures=failures,
        seconds=time.monotonic() - start,
    )
