"""What a rebuild may reuse: the page manifest and identical files.

The manifest maps each page written by a cached template to the fingerprint
of the data it was rendered from, and to its file's stamp (size, date,
inode), so that a page edited by hand in output/ is never reused. It is
kept inside the output folder, so it is swapped in with the pages it
describes and never outlives them.
"""

import filecmp
import json
import os

MANIFEST_NAME = ".vigie-pages.json"


def file_stamp(path: str) -> str | None:
    """A file's size, date and inode: any rewrite of the file changes them."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def read_manifest(output_dir: str | None) -> dict[str, tuple[str, str]]:
    """The previous build's manifest (fingerprint and file stamp by page), or {}."""
    if not output_dir:
        return {}
    try:
        with open(os.path.join(output_dir, MANIFEST_NAME), encoding="utf-8") as data:
            manifest = json.load(data)
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict):
        return {}
    return {
        name: (entry[0], entry[1])
        for name, entry in manifest.items()
        if isinstance(entry, list) and len(entry) == 2
    }


def write_manifest(output_dir: str, fingerprints: dict[str, str]) -> None:
    """Write each page's fingerprint and its file's stamp, sorted (equal bytes).

    The stamp lets the next build reuse the file only if nobody touched it.
    """
    manifest = {
        name: [fingerprint, file_stamp(os.path.join(output_dir, name))]
        for name, fingerprint in fingerprints.items()
    }
    with open(os.path.join(output_dir, MANIFEST_NAME), "w", encoding="utf-8") as out:
        json.dump(manifest, out, sort_keys=True, indent=0)
        out.write("\n")


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
