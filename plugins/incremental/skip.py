"""Glue for skipping a build whose inputs did not change (see `uptodate.py`)."""

import datetime as dt
import os

from .fingerprint import Fingerprinter
from .plugin import global_fingerprint
from .uptodate import (
    BuildRecord,
    first_expiry,
    inputs_digest,
    is_up_to_date,
    output_signature,
    read_record,
    record_path,
    write_record,
)


class LastBuild:
    """The last successful build into one output folder, seen from the next one."""

    def __init__(self, settings, output_dir: str, strict: bool, *beside: str):
        """Hash this build's inputs; files `beside` the output count too."""
        self.output_dir = output_dir
        self.beside = beside
        self.path = record_path(settings["CACHE_PATH"], output_dir)
        skipped = frozenset(
            os.path.realpath(path) for path in (output_dir, settings["CACHE_PATH"])
        )
        self.inputs = inputs_digest(
            settings["PATH"],
            global_fingerprint(settings, Fingerprinter()),
            strict,
            skipped,
        )

    def unchanged(self) -> BuildRecord | None:
        """The last build's record if this build would make the same output."""
        record = read_record(self.path)
        if record is None or record.inputs != self.inputs:
            return None  # no need to look at the output folder
        if not os.path.isdir(self.output_dir):
            return None
        output = output_signature(self.output_dir, *self.beside)
        now = dt.datetime.now(dt.UTC)
        return record if is_up_to_date(record, self.inputs, output, now) else None

    def succeeded(
        self, warnings: list[str], summary: str, scheduled: list[dt.datetime]
    ) -> None:
        """Record a successful build: its inputs, the output it left, what it said."""
        record = BuildRecord(
            inputs=self.inputs,
            output=output_signature(self.output_dir, *self.beside),
            expires=first_expiry(scheduled),
            warnings=warnings,
            summary=summary,
        )
        write_record(self.path, record)
