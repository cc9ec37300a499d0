"""Fingerprinted assets: a content hash in the name, so no stale stylesheet."""

import hashlib
import os
import posixpath
from collections.abc import Iterable, Mapping

DIGEST_LENGTH = 8


def content_digest(data: bytes) -> str:
    """The first hex digits of the SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]


def fingerprinted_name(path: str, digest: str) -> str:
    """`css/vigie.css` → `css/vigie.<digest>.css`."""
    folder, name = posixpath.split(path)
    stem, extension = posixpath.splitext(name)
    return posixpath.join(folder, f"{stem}.{digest}{extension}")


def plan_fingerprints(
    files: Mapping[str, bytes], suffixes: Iterable[str], unhashed: Iterable[str]
) -> dict[str, str]:
    """Map each asset to fingerprint (by suffix, not listed as unhashed) to its name."""
    keep = set(unhashed)
    wanted = tuple(suffixes)
    return {
        path: fingerprinted_name(path, content_digest(data))
        for path, data in sorted(files.items())
        if path.endswith(wanted) and path not in keep
    }


def read_assets(folder: str, suffixes: Iterable[str]) -> dict[str, bytes]:
    """The bytes of every file of `folder` with one of `suffixes`, by `/` path."""
    wanted = tuple(suffixes)
    found: dict[str, bytes] = {}
    for root, _, names in os.walk(folder):
        for name in names:
            if name.endswith(wanted):
                full = os.path.join(root, name)
                relative = os.path.relpath(full, folder).replace(os.sep, "/")
                with open(full, "rb") as source:
                    found[relative] = source.read()
    return found
