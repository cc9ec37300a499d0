"""What a rebuild may reuse: the page manifest and identical files.

The manifest maps each page written by a cached template to the fingerprint
of the data it was rendered from. It is kept inside the output folder, so it
is swapped in with the pages it describes and never outlives them.
"""

import filecmp
import hashlib
import json
import os
from pathlib import Path

MANIFEST_NAME = ".vigie-pages.json"


def read_manifest(output_dir: str | None) -> dict[str, str]:
    """The previous build's manifest, or an empty one."""
    if not output_dir:
        return {}
    try:
        with open(os.path.join(output_dir, MANIFEST_NAME), encoding="utf-8") as data:
            manifest = json.load(data)
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def write_manifest(output_dir: str, manifest: dict[str, str]) -> None:
    """Write the manifest, sorted, so two equal builds give equal bytes."""
    with open(os.path.join(output_dir, MANIFEST_NAME), "w", encoding="utf-8") as out:
        json.dump(manifest, out, sort_keys=True, indent=0)
        out.write("\n")


def tree_digest(*folders: str) -> str:
    """A hash of every file's path and bytes under the folders (templates, code)."""
    digest = hashlib.sha256()
    for folder in folders:
        root = Path(folder)
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def keep_identical_files(previous_dir: str, new_dir: str) -> int:
    """Replace each new file equal to the previous one by a link to it.

    The previous file's inode, and so its modification time, carries over:
    a deploy that compares dates sends only what really changed.
    """
    kept = 0
    for root, _, names in os.walk(new_dir):
        for name in names:
            new = os.path.join(root, name)
            old = os.path.join(previous_dir, os.path.relpath(new, new_dir))
            if not os.path.isfile(old) or os.path.islink(new):
                continue
            old_stat, new_stat = os.stat(old), os.stat(new)
            if (old_stat.st_dev, old_stat.st_ino) == (new_stat.st_dev, new_stat.st_ino):
                kept += 1  # already linked by the writer
                continue
            if old_stat.st_size != new_stat.st_size:
                continue
            if not filecmp.cmp(old, new, shallow=False):
                continue
            temporary = f"{new}.vigie-link"
            os.link(old, temporary)
            os.replace(temporary, new)
            kept += 1
    return kept
