"""`VigiePelican`: Pelican's build, all-or-nothing, with French messages.

Set with `PELICAN_CLASS = "validation.VigiePelican"`. Each `run()` (one per
build, and one per save in `make devserver`):

1. starts a fresh `BuildCheck` and points Pelican at a staging folder beside
   output/ (see `staging.py`);
2. runs Pelican: the validation handlers check each file as it is read and
   the whole site at `all_generators_finalized`, and raise `BuildStopped`
   there, before anything is written, if there is an error (or for
   `make check`, always);
3. then prints every problem sorted by file and line, and either swaps the
   new site in and prints the French report, or leaves output/ untouched
   and fails: `SystemExit(1)`, no traceback, or, under Pelican's autoreload
   loop (`make devserver`), a plain return so that the server keeps serving
   the last good site and the next save rebuilds.

Why a subclass rather than signals alone: `initialized` fires once per
Pelican object, but autoreload calls `run()` again on the same object, and
only a wrapper around `run()` can clean up on every way out of a build.
"""

import io
import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pelican as pelican_package
from incremental.skip import LastBuild
from pelican import Pelican
from pelican.log import FatalLogger, LimitFilter, console
from publishing.record import state_path
from rich.console import Console

from .collector import CHECK_SETTING, BuildCheck
from .report import build_report, issue_line, sorted_issues, totals_line, warnings_line
from .staging import remove_tree, staging_path, swap_in

logger = logging.getLogger(__name__)


class BuildStopped(Exception):
    """Raised once everything is read, to stop a build before it writes."""


def in_autoreload_loop() -> bool:
    """Tell whether Pelican's autoreload loop (`make devserver`) runs this build."""
    loop = pelican_package.autoreload.__code__
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code is loop:
            return True
        frame = frame.f_back
    return False


@contextmanager
def french_run() -> Iterator[bool]:
    """Pelican's logging, made ours for one build; yields `--fatal warnings`.

    Pelican's `--fatal` would raise at the first logged error, with a
    traceback: every error already fails our build, after all are listed, so
    it is switched off (`--fatal warnings` still means STRICT). Pelican's
    de-duplication memory outlives a build: cleared, or `make devserver`
    would show a warning once and never again. Its English "Done: Processed
    …" line goes to a console nobody reads: our French report replaces it.
    """
    fatal_level = FatalLogger.fatal_lvl
    FatalLogger.fatal_lvl = logging.CRITICAL + 1
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    english_console = pelican_package.console
    pelican_package.console = Console(file=io.StringIO())
    try:
        yield fatal_level <= logging.WARNING
    finally:
        pelican_package.console = english_console
        FatalLogger.fatal_lvl = fatal_level


def shown_path(path: str) -> str:
    """A folder as the writer knows it: relative when inside the current one."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def seconds_since(started: float) -> str:
    """Seconds since `started` (time.monotonic), French style: « 0,4 »."""
    return f"{time.monotonic() - started:.1f}".replace(".", ",")


def say(text: str) -> None:
    """Print a line where Pelican prints its own summary (stdout)."""
    console.print(text, markup=False, highlight=False, soft_wrap=True)


class VigiePelican(Pelican):
    """Pelican, building into a staging folder swapped in only on success."""

    def run(self):
        """Build the site; on any error leave output/ as it was and fail."""
        started = time.monotonic()
        final_output = self.output_path
        last_build = self.last_build(final_output)
        unchanged = last_build.unchanged() if last_build else None
        if unchanged:
            with french_run():
                self.replay(unchanged, started)
            return
        staging = staging_path(final_output)
        remove_tree(staging)
        stopped = False
        with french_run() as fatal_warnings:
            check = BuildCheck(self.settings, strict=fatal_warnings)
            self.settings[CHECK_SETTING] = check
            self.output_path = self.settings["OUTPUT_PATH"] = staging
            self.settings["OUTPUT_PATH_FINAL"] = final_output
            try:
                with check.listening():
                    super().run()
            except BuildStopped:
                stopped = True
            except BaseException:
                remove_tree(staging)
                raise
            finally:
                self.output_path = self.settings["OUTPUT_PATH"] = final_output
                del self.settings["OUTPUT_PATH_FINAL"]
                del self.settings[CHECK_SETTING]
        self.tell(check)
        if check.failed:
            remove_tree(staging)
            self.fail(check)
            return
        if stopped:
            remove_tree(staging)
            say(f"Aucune erreur (vérification seule) : {self.summary(check)}.")
            return
        swap_in(staging, final_output, self.settings.get("OUTPUT_RETENTION", []))
        summary = self.summary(check)
        if last_build:
            warnings = [issue_line(i) for i in sorted_issues(check.issues)]
            scheduled = check.count.scheduled_dates if check.count else []
            last_build.succeeded(warnings + check.other_warnings, summary, scheduled)
        say(
            f"Site construit dans {shown_path(final_output)}/ "
            f"en {seconds_since(started)} s : {summary}."
        )

    def last_build(self, final_output: str) -> LastBuild | None:
        """The last build into output/, for builds that may skip (`INCREMENTAL`)."""
        if not self.settings.get("INCREMENTAL") or self.settings.get(
            "VALIDATION_CHECK_ONLY"
        ):
            return None
        # `--fatal warnings` (STRICT=1) is not a setting: it counts apart.
        strict = FatalLogger.fatal_lvl <= logging.WARNING
        return LastBuild(self.settings, final_output, strict, state_path(final_output))

    def replay(self, record, started: float) -> None:
        """Say again what the last build said, and that output/ is up to date."""
        for line in record.warnings:
            logger.warning("%s", line)
        say(
            f"Rien n'a changé depuis la dernière construction : "
            f"{shown_path(self.output_path)}/ est à jour "
            f"(vérifié en {seconds_since(started)} s) : {record.summary}."
        )

    @staticmethod
    def summary(check: BuildCheck) -> str:
        """The French report, with the number of warnings if any."""
        # No count: the validation plugin is not in PLUGINS, only this class.
        report = build_report(check.count) if check.count else "contenu non vérifié"
        warnings = warnings_line(check.warning_count)
        return f"{report} ; {warnings}" if warnings else report

    @staticmethod
    def tell(check: BuildCheck) -> None:
        """Log every problem of ours, sorted by file then line."""
        for issue in sorted_issues(check.issues):
            if issue.warning:
                logger.warning("%s", issue_line(issue))
            else:
                logger.error("%s", issue_line(issue))

    def fail(self, check: BuildCheck) -> None:
        """Say the build failed, then exit 1 (or wait for the next save)."""
        totals = totals_line(
            check.issues,
            len(check.other_errors),
            len(check.other_warnings),
            check.strict,
        )
        output = shown_path(self.output_path)
        if in_autoreload_loop():
            logger.error(
                "%s : le site de %s/ n'a pas changé. Corrigez, enregistrez, "
                "et il sera reconstruit.",
                totals,
                output,
            )
            return
        logger.error("%s : le site de %s/ n'a pas changé.", totals, output)
        raise SystemExit(1)
