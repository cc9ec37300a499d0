"""A content-addressed cache of rendered bodies, so a rebuild converts only edits.

The key is a hash of the Markdown body and of everything that shapes its
HTML (this plugin's code, the Markdown and nh3 versions, the sanitiser's
settings): an edited body, or a changed renderer, is simply a new key, and
two sites or two builds can share entries without ever reading a stale one.
"""

import hashlib
import os
from importlib.metadata import version
from pathlib import Path

PIPELINE_FILES = ("reader.py", "headings.py", "alignment.py", "sanitize.py")


def pipeline_key(settings_part: str) -> str:
    """A hash of what turns a body into HTML: our code, library versions, settings."""
    digest = hashlib.sha256(settings_part.encode())
    for package in ("markdown", "nh3"):
        digest.update(version(package).encode())
    here = Path(__file__).parent
    for name in PIPELINE_FILES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


class RenderCache:
    """Rendered HTML by hash of body and pipeline, one small file per body."""

    def __init__(self, root: str, pipeline: str):
        """Entries live under `root`; `pipeline` comes from pipeline_key()."""
        self.root = root
        self.pipeline = pipeline

    def _path(self, body: str) -> str:
        key = hashlib.sha256(
            self.pipeline.encode() + body.encode("utf-8", "surrogatepass")
        ).hexdigest()
        return os.path.join(self.root, key[:2], f"{key}.html")

    def get(self, body: str) -> str | None:
        """The cached HTML of a body, or None."""
        try:
            with open(self._path(body), encoding="utf-8") as cached:
                return cached.read()
        except OSError:
            return None

    def put(self, body: str, html: str) -> None:
        """Store a body's HTML (atomically: a reader never sees half a file)."""
        path = self._path(body)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as out:
            out.write(html)
        os.replace(temporary, path)
