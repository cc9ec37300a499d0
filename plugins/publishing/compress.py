"""Pre-compressed `.gz` copies of text files, for hosts that serve them as they are."""

import gzip
import os

COMPRESSIBLE = (
    ".html",
    ".css",
    ".js",
    ".json",
    ".xml",
    ".xsl",
    ".txt",
    ".svg",
    ".opml",
)


def gzip_bytes(data: bytes) -> bytes:
    """Gzip at the best level, with no timestamp, so a rebuild gives the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def precompress_tree(root: str) -> int:
    """Write `x.gz` beside each text file of `root` it makes smaller; count them."""
    written = 0
    for folder, _, names in os.walk(root):
        for name in names:
            if not name.endswith(COMPRESSIBLE):
                continue
            path = os.path.join(folder, name)
            with open(path, "rb") as source:
                data = source.read()
            packed = gzip_bytes(data)
            if len(packed) < len(data):
                with open(path + ".gz", "wb") as out:
                    out.write(packed)
                written += 1
    return written
