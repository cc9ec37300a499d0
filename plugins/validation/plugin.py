"""Signal glue: check each file as it is read, the whole site before writing."""

from pelican import signals

from .build import BuildStopped, VigiePelican
from .collector import CHECK_SETTING, BuildCheck
from .rules import DEFAULT_CATEGORIES, KEYS
from .staging import start_skeleton

# Settings of the writer's loop, with their defaults (see plugins/PLUGINS.md).
DEFAULTS = {
    # Allowed `Category:` values; empty or None accepts any.
    "VALIDATION_CATEGORIES": DEFAULT_CATEGORIES,
    # True (`make html STRICT=1`): warnings fail the build like errors.
    "VALIDATION_STRICT": False,
    # True (`make check`): read and check everything, write nothing.
    "VALIDATION_CHECK_ONLY": False,
    # Header keys other plugins add, by kind: {"post": ["Description"]}.
    "VALIDATION_EXTRA_KEYS": {},
    # Fixed addresses of the site (CONTRACT.md) no content may take, and how
    # messages name them (listings and campaign, author, category pages and
    # feeds are found from Pelican's own settings).
    "VALIDATION_RESERVED_URLS": {
        "/feeds/rss.xml": "le flux RSS de tous les articles",
        "/feeds/atom.xml": "le flux Atom de tous les articles",
        "/recherche/": "la page de recherche",
        "/abonnement/": "la page « s'abonner »",
        "/abonnement/vigie.opml": "la liste des flux (OPML)",
        "/sitemap.xml": "le plan du site",
        "/robots.txt": "le fichier robots.txt",
    },
    # Hosts whose https <iframe> a post may embed (read by markdown_reader).
    "SANITIZE_IFRAME_HOSTS": (),
}


class ValidationSetupError(Exception):
    """The site's configuration does not let the validation plugin work."""


def check_settings(pelican) -> None:
    """Fill in the defaults and refuse a configuration that cannot work."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    if not isinstance(pelican, VigiePelican):
        raise ValidationSetupError(
            'the validation plugin needs PELICAN_CLASS = "validation.VigiePelican"'
        )
    for key in ("VALIDATION_CATEGORIES", "SANITIZE_IFRAME_HOSTS"):
        value = settings[key] or ()
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise ValidationSetupError(f"{key} must be a list of strings")
    if not isinstance(settings["VALIDATION_RESERVED_URLS"], dict):
        raise ValidationSetupError(
            "VALIDATION_RESERVED_URLS must map addresses to their French names"
        )
    extra = settings["VALIDATION_EXTRA_KEYS"]
    if not isinstance(extra, dict) or not set(extra) <= set(KEYS):
        raise ValidationSetupError(
            f"VALIDATION_EXTRA_KEYS must map kinds ({', '.join(KEYS)}) to keys"
        )


def build_check(settings) -> BuildCheck:
    """The current build's check (VigiePelican.run makes one per build)."""
    return settings[CHECK_SETTING]


def make_folders_early(generator) -> None:
    """While posts are read, make the former site's folders in the staging folder.

    Sent once Pelican has emptied the staging folder, before the first post is
    read; nothing is written with `make check`.
    """
    settings = generator.settings
    final = settings.get("OUTPUT_PATH_FINAL")
    if final and not settings.get("VALIDATION_CHECK_ONLY"):
        start_skeleton(
            generator.output_path, final, settings.get("OUTPUT_RETENTION", [])
        )


def check_post(generator, metadata) -> None:
    """Check a post as soon as it is read; an erroneous one is left out."""
    build_check(generator.settings).check_file("post", metadata)


def check_page(generator, metadata) -> None:
    """Check a page as soon as it is read; an erroneous one is left out."""
    build_check(generator.settings).check_file("page", metadata)


def check_site(generators) -> None:
    """Check the whole site; stop before writing on any error (or for a check)."""
    settings = generators[0].settings
    check = build_check(settings)
    check.check_site(generators)
    if check.failed or settings.get("VALIDATION_CHECK_ONLY"):
        raise BuildStopped


def register():
    """Connect the plugin to Pelican."""
    signals.initialized.connect(check_settings)
    signals.article_generator_preread.connect(make_folders_early)
    signals.article_generator_context.connect(check_post)
    signals.page_generator_context.connect(check_page)
    signals.all_generators_finalized.connect(check_site)
