"""How Pagefind is called, and what its report says. Pure functions."""

import re

# The search bundle's folder, under the output folder: /pagefind/.
BUNDLE_DIR = "pagefind"
_INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")


def pagefind_command(executable: str, site_dir: str) -> list[str]:
    """The command that indexes `site_dir` into `site_dir/pagefind/`.

    Only elements marked `data-pagefind-body` are indexed (the body of each
    published post and page); the language comes from `<html lang="fr">`.
    """
    return [executable, "--site", site_dir, "--output-subdir", BUNDLE_DIR]


def indexed_pages(report: str) -> int | None:
    """The number of pages Pagefind says it indexed, if it says so."""
    match = _INDEXED_PAGES.search(report)
    return int(match.group(1)) if match else None
