"""A content-addressed cache on disk, so that a rebuild recomputes only edits.

Each entry is the result of a pure function of some bytes (a Markdown body,
a whole source file, a post's HTML). Its key is a hash of those bytes and of
everything else the result depends on (`code_key`: the code that computes
it, library versions, the settings that matter): an edited file, or changed
code, is simply a new key, and two sites or two builds can share entries
without ever reading a stale one. Plugins keep their entries in their own
folder of `CACHE_PATH`, and use this cache only when `INCREMENTAL` is on.
"""

import hashlib
import logging
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def code_key(
    settings_part: str, files: Iterable[Path], packages: Iterable[str] = ()
) -> str:
    """A hash of what turns input into a result: code, library versions, settings.

    This module and the Python version always count, since entries are pickles.
    """
    digest = hashlib.sha256(settings_part.encode("utf-8", "surrogatepass"))
    digest.update(sys.version.encode())
    for package in packages:
        digest.update(version(package).encode())
    for path in (Path(__file__), *files):
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ContentCache:
    """Pickled results by hash of input and code, one small file per entry."""

    def __init__(self, root: str, key: str):
        """Entries live under `root`; `key` comes from code_key()."""
        self.root = root
        self.key = key

    def _path(self, data: bytes | str) -> str:
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        entry = hashlib.sha256(self.key.encode() + data).hexdigest()
        return os.path.join(self.root, entry[:2], f"{entry}.pickle")

    def has(self, data: bytes | str) -> bool:
        """Whether a result for `data` is stored."""
        return os.path.isfile(self._path(data))

    def fetch(self, data: bytes | str, compute: Callable[[], Any]) -> Any:
        """The cached result for `data`, else `compute()`, stored for next time."""
        path = self._path(data)
        try:
            with open(path, "rb") as cached:
                return pickle.load(cached)
        except FileNotFoundError:
            pass
        except Exception:
            # A damaged entry (a full disk, say) is recomputed and replaced.
            logger.debug("Unreadable cache entry %s", path, exc_info=True)
        entry = pickle.dumps(compute(), pickle.HIGHEST_PROTOCOL)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # Written aside then renamed: a reader never sees half an entry.
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "wb") as out:
            out.write(entry)
        os.replace(temporary, path)
        # A copy is returned, as a cache hit would: pickling a text makes
        # Python keep its UTF-8 bytes beside it for as long as it lives
        # (+60 MiB of bodies at 10,000 posts).
        return pickle.loads(entry)
