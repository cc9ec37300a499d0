"""Run the quality gates on a built site: `python -m tools.quality.gate --help`.

Serves the folder on 127.0.0.1, then runs the browser gate (axe-core WCAG 2.1
A/AA, no horizontal scroll at 320 px, no CSP violation) on the given pages,
the Nu HTML Checker on every HTML file, and linkchecker from every HTML file.
Prints one line per failure and one summary line per gate; exits 1 when any
gate failed, 2 when a tool could not run. With --screenshots DIR it only
saves PNGs of the pages at 375 and 1280 px for people to look at.
"""

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools.quality import browser, links, nu
from tools.quality.findings import GateResult, html_files, page_of_file
from tools.quality.server import serve

GATES = ("browser", "html", "links")
DEFAULT_PAGES = ("/", "/404.html")


class UsageError(ValueError):
    """The command line names something that does not exist."""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.quality.gate",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("--root", type=Path, required=True, help="the built site")
    parser.add_argument(
        "--pages",
        nargs="+",
        default=list(DEFAULT_PAGES),
        metavar="PATH",
        help="URL paths for the browser gate and screenshots (default: / /404.html)",
    )
    parser.add_argument(
        "--gates",
        default=",".join(GATES),
        help="comma-separated subset of browser,html,links (default: all)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        help="serve on this port, e.g. the one SITEURL names (default: a free one)",
    )
    parser.add_argument(
        "--csp",
        metavar="POLICY",
        help="send this Content-Security-Policy header with every response",
    )
    parser.add_argument(
        "--screenshots",
        type=Path,
        metavar="DIR",
        help="only save PNGs of the pages at 375 and 1280 px into DIR",
    )
    args = parser.parse_args(argv)
    args.gates = [name.strip() for name in args.gates.split(",") if name.strip()]
    unknown = sorted(set(args.gates) - set(GATES))
    if unknown:
        parser.error(f"unknown gate(s): {', '.join(unknown)}")
    bad_pages = [page for page in args.pages if not page.startswith("/")]
    if bad_pages:
        parser.error(f"pages are URL paths starting with '/': {' '.join(bad_pages)}")
    return args


def run_gates(
    root: Path,
    pages: Sequence[str],
    gates: Sequence[str] = GATES,
    port: int = 0,
    csp: str | None = None,
) -> list[GateResult]:
    """Serve `root` and run the chosen gates on it, side by side."""
    root = root.resolve()
    if not root.is_dir():
        raise UsageError(f"no built site at {root}")
    link_starts = sorted({*pages, *(page_of_file(root, f) for f in html_files(root))})
    with serve(root, port=port, csp=csp) as base_url:
        jobs: dict[str, Callable[[], GateResult]] = {
            "browser": lambda: browser.check_pages(base_url, pages),
            "html": lambda: nu.check_html(root),
            "links": lambda: links.check_links(base_url, link_starts),
        }
        # Each gate waits on its own process (Chromium, the JVM, linkchecker),
        # so running them together costs little more than the slowest one.
        with ThreadPoolExecutor(max_workers=len(gates)) as pool:
            futures = [pool.submit(jobs[name]) for name in gates]
            return [future.result() for future in futures]


def report(results: Sequence[GateResult], seconds: float) -> str:
    """Return the failures, one a line, then one summary line per gate."""
    failures = sorted(
        (failure for result in results for failure in result.failures),
        key=lambda failure: (failure.gate, failure.page, failure.rule, failure.target),
    )
    lines = [failure.line() for failure in failures]
    lines += [result.summary() for result in results]
    verdict = f"{len(failures)} failure(s)" if failures else "all gates passed"
    lines.append(f"quality: {verdict} in {seconds:.1f} s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the gates (or take screenshots) and return the exit status."""
    args = parse_args(argv)
    start = time.monotonic()
    try:
        if args.screenshots:
            with serve(args.root.resolve(), port=args.port, csp=args.csp) as base_url:
                files = browser.take_screenshots(base_url, args.pages, args.screenshots)
            print(f"screenshots: {len(files)} PNG files in {args.screenshots}")
            return 0
        results = run_gates(args.root, args.pages, args.gates, args.port, args.csp)
    except (
        UsageError,
        OSError,
        browser.BrowserError,
        nu.NuCheckerError,
        links.LinkCheckerError,
    ) as error:
        print(f"quality: cannot run: {error}", file=sys.stderr)
        return 2
    print(report(results, time.monotonic() - start))
    return 1 if any(result.failures for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
