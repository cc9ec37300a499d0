"""Signal glue: run Pagefind on the output folder once everything is written."""

import logging
import subprocess

from pelican import signals

from .pagefind import indexed_pages, pagefind_command

logger = logging.getLogger(__name__)

DEFAULTS = {
    # False skips indexing (the search page then says the index is missing).
    "SEARCH_INDEX": True,
}


def fill_defaults(pelican):
    """Give every setting of the plugin its default value."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def pagefind_executable() -> str | None:
    """The Pagefind binary shipped by the `pagefind-bin` package, if installed."""
    try:
        from pagefind_bin import get_executable  # noqa: PLC0415 - optional at import

        return str(get_executable())
    except (ImportError, FileNotFoundError):
        return None


def index_site(pelican):
    """Index the folder this build wrote (whatever it is) for /recherche/."""
    if not pelican.settings["SEARCH_INDEX"]:
        return
    executable = pagefind_executable()
    if executable is None:
        logger.error(
            "Recherche : Pagefind est introuvable. Installez les dépendances "
            "(pip install -r requirements.txt, ou make html qui le fait)."
        )
        return
    result = subprocess.run(
        pagefind_command(executable, pelican.output_path),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        logger.error(
            "Recherche : Pagefind n'a pas pu indexer le site (code %d) :\n%s",
            result.returncode,
            (result.stderr or result.stdout).strip(),
        )
        return
    logger.info(
        "Recherche : %s pages indexées par Pagefind", indexed_pages(result.stdout)
    )


def register():
    """Connect the plugin to Pelican."""
    signals.initialized.connect(fill_defaults)
    signals.finalized.connect(index_site)
