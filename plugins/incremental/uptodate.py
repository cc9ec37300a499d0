"""Whether a whole build can be skipped: same inputs as the last one, output intact.

Like `make`, a build whose inputs are all unchanged since the last successful
build into the same output folder has nothing to do. The inputs are every
file under the content folder, what every page depends on (the theme and
the plugins' code, the settings, the site's today: campaign statuses change
with it), the installed packages and the strictness. A scheduled post
publishes itself at its date: the record expires then. The output folder
must still be the one the last build left (every file's name, size, date
and inode), else it is rebuilt.

The record of the last build lives in `CACHE_PATH`, one small JSON file per
output folder, written only after a successful build; it keeps the warnings
and the report, which a skipped build shows again.
"""

import datetime as dt
import hashlib
import json
import os
import site
import sys
from dataclasses import asdict, dataclass, field
from zoneinfo import ZoneInfo

RECORD_VERSION = 1
# The folder of CACHE_PATH that holds the records (tools/bench deletes it).
RECORDS_FOLDER = "builds"


@dataclass(frozen=True)
class BuildRecord:
    """What the last successful build into one output folder saw and said."""

    inputs: str
    output: str
    # When the output starts being out of date anyway (ISO 8601, aware), if ever.
    expires: str | None = None
    warnings: list[str] = field(default_factory=list)
    summary: str = ""


def tree_digest(*folders: str, skipped: frozenset[str] = frozenset()) -> str:
    """A hash of every file's path and bytes under the folders, in a fixed order.

    Folders whose real path is in `skipped` are left out, and `__pycache__`.
    """
    digest = hashlib.sha256()
    for root in folders:
        digest.update(b"\0folder:" + os.path.abspath(root).encode())
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(
                name
                for name in dirs
                if name != "__pycache__"
                and os.path.realpath(os.path.join(folder, name)) not in skipped
            )
            for name in sorted(names):
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, root)
                digest.update(relative.encode("utf-8", "surrogatepass") + b"\0")
                try:
                    with open(path, "rb") as data:
                        digest.update(hashlib.sha256(data.read()).digest())
                except OSError:
                    digest.update(b"unreadable")
    return digest.hexdigest()


def installed_packages() -> list[str]:
    """The names of the installed distributions, versions included (dist-info)."""
    found = []
    for folder in {*site.getsitepackages(), site.getusersitepackages()}:
        try:
            found.extend(name for name in os.listdir(folder) if "-info" in name)
        except OSError:
            continue
    return sorted(found)


def inputs_digest(
    content: str,
    pages_fingerprint: str,
    strict: bool,
    skipped: frozenset[str] = frozenset(),
) -> str:
    """A hash of all a build reads: content, packages, strictness, and the rest.

    The rest is what every page depends on (`pages_fingerprint`: settings,
    theme, plugins' code, the site's today; see `global_fingerprint`).
    """
    digest = hashlib.sha256(f"v{RECORD_VERSION};{sys.version};".encode())
    digest.update("\n".join(installed_packages()).encode())
    digest.update(f";{pages_fingerprint};{strict};".encode())
    digest.update(tree_digest(content, skipped=skipped).encode())
    return digest.hexdigest()


def output_signature(output_dir: str, *beside: str) -> str:
    """A hash of every file's path, size, date and inode under `output_dir`.

    Files in `beside` (such as a state file next to the folder) count by bytes.
    Cheap (no file is read): it tells whether anyone touched the output.
    """
    digest = hashlib.sha256()
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(output_dir, relative)) as found:
            entries = sorted(found, key=lambda entry: entry.name)
        for entry in entries:
            stat = entry.stat(follow_symlinks=False)
            path = f"{relative}/{entry.name}" if relative else entry.name
            digest.update(
                f"{path}\0{stat.st_mode}:{stat.st_size}:"
                f"{stat.st_mtime_ns}:{stat.st_ino};".encode("utf-8", "surrogatepass")
            )
            if entry.is_dir(follow_symlinks=False):
                pending.append(path)
    for path in beside:
        try:
            with open(path, "rb") as data:
                digest.update(data.read())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


def record_path(cache_dir: str, output_dir: str) -> str:
    """Where the record of builds into `output_dir` lives in the cache folder."""
    key = hashlib.sha256(os.path.realpath(output_dir).encode()).hexdigest()[:16]
    return os.path.join(cache_dir, RECORDS_FOLDER, f"{key}.json")


def read_record(path: str) -> BuildRecord | None:
    """The record at `path`, or None if missing, unreadable or from another version."""
    try:
        with open(path, encoding="utf-8") as data:
            raw = json.load(data)
        if raw.pop("version", None) != RECORD_VERSION:
            return None
        return BuildRecord(**raw)
    except (OSError, ValueError, TypeError):
        return None


def write_record(path: str, record: BuildRecord) -> None:
    """Write the record atomically (a concurrent reader sees old or new, whole)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump({"version": RECORD_VERSION, **asdict(record)}, out, sort_keys=True)
    os.replace(temporary, path)


def is_up_to_date(
    record: BuildRecord | None, inputs: str, output: str, now: dt.datetime
) -> bool:
    """True if the last build saw these inputs, left this output and has not expired."""
    if record is None or record.inputs != inputs or record.output != output:
        return False
    if record.expires is None:
        return True
    try:
        expires = dt.datetime.fromisoformat(record.expires)
    except ValueError:
        return False
    return expires.tzinfo is not None and now < expires


def site_today(timezone: str, now: dt.datetime | None = None) -> dt.date:
    """Today's date where the site is (its TIMEZONE), not where the build runs."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(timezone)).date()


def first_expiry(moments: list[dt.datetime]) -> str | None:
    """The earliest aware moment as ISO 8601 (naive ones count as UTC), or None."""
    aware = [m if m.tzinfo else m.replace(tzinfo=dt.UTC) for m in moments]
    return min(aware).isoformat() if aware else None
