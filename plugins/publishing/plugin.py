"""Signal glue: alias redirects, headers, fingerprinted assets, the build record."""

import datetime as dt
import logging
import os
from functools import partial
from itertools import chain
from urllib.parse import urlsplit

from markdown_reader.reader import display_path
from pelican import signals
from pelican.generators import Generator
from seo.urls import absolute_base, absolute_url, is_public_url

from .assets import plan_fingerprints, read_assets
from .compress import precompress_tree
from .headers import cache_rules, headers_file, htaccess_headers, meta_policy
from .record import (
    COMPLETE,
    LOCAL,
    PUBLISH,
    STARTED,
    build_marker,
    build_state,
    marker_path,
    state_path,
    write_json,
)
from .redirects import (
    Redirect,
    alias_file,
    alias_path,
    htaccess_redirects,
    redirects_file,
)

logger = logging.getLogger(__name__)

DEFAULTS = {
    # `publish` only in publishconf.py: deploy targets refuse anything else.
    "PUBLISHING_BUILD_KIND": LOCAL,
    # PRECOMPRESS=1: a .gz copy beside each text file.
    "PUBLISHING_PRECOMPRESS": False,
    # Theme files (under theme/static) whose names get a content hash.
    "PUBLISHING_FINGERPRINT_SUFFIXES": (".css", ".js"),
    # Theme files linked by a fixed name from elsewhere (the feeds' XSLT).
    "PUBLISHING_UNHASHED_ASSETS": ("css/feed.css",),
}


class PublishingConfigError(Exception):
    """A publishing setting that cannot produce a correct site."""


def check_settings(settings) -> None:
    """Refuse a publish build without a public address, or a broken policy."""
    if not settings.get("CONTENT_SECURITY_POLICY"):
        raise PublishingConfigError(
            "CONTENT_SECURITY_POLICY manque : définissez-la dans pelicanconf.py."
        )
    kind = settings["PUBLISHING_BUILD_KIND"]
    if kind not in (LOCAL, PUBLISH):
        raise PublishingConfigError(
            f"PUBLISHING_BUILD_KIND vaut « {kind} » : mettez « local » ou « publish »."
        )
    if kind == PUBLISH and not is_public_url(settings["SITEURL"]):
        raise PublishingConfigError(
            f"SITEURL vaut « {settings['SITEURL']} » : une publication demande "
            "l'adresse publique du site, par exemple "
            "« make publish SITEURL=https://vigie-sante.fr »."
        )
    if any(mark in settings["CONTENT_SECURITY_POLICY"] for mark in '"\n'):
        raise PublishingConfigError(
            "CONTENT_SECURITY_POLICY ne doit contenir ni guillemet double "
            "ni retour à la ligne."
        )


def site_prefix(settings) -> str:
    """The path of the site under its host (`/vigie` for a project page), or ''."""
    siteurl = settings["SITEURL"]
    return urlsplit(siteurl).path.rstrip("/") if is_public_url(siteurl) else ""


def theme_static(settings) -> str:
    """The theme's own static folder (copied to output/theme/)."""
    return os.path.join(settings["THEME"], "static")


def asset_manifest(settings) -> dict[str, str]:
    """Theme asset → fingerprinted name, computed from the theme's files."""
    suffixes = settings["PUBLISHING_FINGERPRINT_SUFFIXES"]
    return plan_fingerprints(
        read_assets(theme_static(settings), suffixes),
        suffixes,
        settings["PUBLISHING_UNHASHED_ASSETS"],
    )


def asset_url(manifest: dict[str, str], settings, path: str) -> str:
    """Jinja filter: `'css/vigie.css'|asset` → `theme/css/vigie.3f2a1c9b.css`."""
    if path not in manifest and not os.path.isfile(
        os.path.join(theme_static(settings), path)
    ):
        raise PublishingConfigError(
            f"le gabarit demande le fichier de thème « {path} », absent de "
            f"{theme_static(settings)}."
        )
    return f"{settings['THEME_STATIC_DIR']}/{manifest.get(path, path)}"


def add_defaults(pelican):
    """Give every publishing setting its default, then check them all."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    check_settings(pelican.settings)


def add_template_helpers(generator):
    """The `asset` filter and the meta version of the security policy."""
    settings = generator.settings
    generator.env.filters["asset"] = partial(
        asset_url, asset_manifest(settings), settings
    )
    generator.env.globals["csp_meta"] = meta_policy(settings["CONTENT_SECURITY_POLICY"])


def post_redirects(posts, settings) -> list[Redirect]:
    """A redirect for each safe Aliases path of each post; unsafe ones are errors."""
    redirects = []
    for post in posts:
        for alias in getattr(post, "aliases", []) or []:
            path = alias_path(alias)
            if path is None:
                logger.error(
                    "%s: l'ancienne adresse « %s » (Aliases) n'est pas un chemin sûr "
                    "du site : écrivez-la comme /2019/ancien-nom/.",
                    display_path(post.source_path, settings),
                    alias,
                )
                continue
            redirects.append(Redirect(path, f"/{post.url}", str(post.title)))
    return redirects


class RedirectsGenerator(Generator):
    """Writes a French redirect page per alias, `_redirects` and `.htaccess`."""

    def generate_output(self, writer):
        """Write the alias pages, then both host files."""
        posts = chain(self.context["articles"], self.context["hidden_articles"])
        redirects = post_redirects(posts, self.settings)
        base = absolute_base(self.settings["SITEURL"], self.settings["FEED_DOMAIN"])
        template = self.get_template("redirect")
        written = []
        for redirect in redirects:
            name = alias_file(redirect.source)
            if os.path.exists(os.path.join(self.output_path, name)):
                logger.error(
                    "l'ancienne adresse %s (Aliases de « %s ») est déjà une page du "
                    "site : retirez-la des Aliases.",
                    redirect.source,
                    redirect.title,
                )
                continue
            writer.write_file(
                name,
                template,
                self.context,
                redirect=redirect,
                target_url=f"{self.settings['SITEURL']}{redirect.target}",
                canonical_url=absolute_url(base, redirect.target),
            )
            written.append(redirect)
        prefix = site_prefix(self.settings)
        policy = self.settings["CONTENT_SECURITY_POLICY"]
        self.write_text("_redirects", redirects_file(written, prefix))
        self.write_text(
            ".htaccess",
            htaccess_headers(policy, prefix)
            + "\n"
            + htaccess_redirects(written, prefix),
        )

    def write_text(self, name: str, text: str) -> None:
        """Write a text file at the root of the output folder."""
        with open(os.path.join(self.output_path, name), "w", encoding="utf-8") as out:
            out.write(text)


def final_output_path(pelican) -> str:
    """The output folder the build ends in (a build may write to a staging one)."""
    return pelican.settings.get("OUTPUT_PATH_FINAL") or pelican.output_path


def start_build(pelican):
    """Mark this build of the output folder as started; add the redirects generator.

    `get_generators` is the first signal of every build (`initialized` comes
    once per process, and also for `make serve`, which builds nothing).
    """
    if not pelican.settings.get("VALIDATION_CHECK_ONLY"):
        state = state_path(final_output_path(pelican))
        os.makedirs(os.path.dirname(state), exist_ok=True)
        write_json(state, build_state(STARTED))
    return RedirectsGenerator


def output_files(output_dir: str) -> list[str]:
    """Every file of the output folder, as sorted `/` paths."""
    found = []
    for root, _, names in os.walk(output_dir):
        for name in names:
            relative = os.path.relpath(os.path.join(root, name), output_dir)
            found.append(relative.replace(os.sep, "/"))
    return sorted(found)


def fingerprint_output(output_dir: str, settings) -> set[str]:
    """Rename the copied theme assets to their fingerprinted names."""
    static_dir = settings["THEME_STATIC_DIR"]
    copied = os.path.join(output_dir, static_dir)
    suffixes = settings["PUBLISHING_FINGERPRINT_SUFFIXES"]
    plan = plan_fingerprints(
        read_assets(copied, suffixes), suffixes, settings["PUBLISHING_UNHASHED_ASSETS"]
    )
    if plan != asset_manifest(settings):
        logger.error(
            "les fichiers de %s ont changé pendant la construction : relancez-la.",
            copied,
        )
    for original, hashed in plan.items():
        os.replace(os.path.join(copied, original), os.path.join(copied, hashed))
    return {f"{static_dir}/{hashed}" for hashed in plan.values()}


def finish_build(pelican):
    """Fingerprint, write `_headers`, compress if asked, then record the build."""
    settings = pelican.settings
    output_dir = pelican.output_path
    fingerprinted = fingerprint_output(output_dir, settings)
    with open(os.path.join(output_dir, ".nojekyll"), "w", encoding="utf-8"):
        pass
    prefix = site_prefix(settings)
    rules = cache_rules(output_files(output_dir), fingerprinted, prefix)
    with open(os.path.join(output_dir, "_headers"), "w", encoding="utf-8") as out:
        out.write(headers_file(settings["CONTENT_SECURITY_POLICY"], rules, prefix))
    if settings["PUBLISHING_PRECOMPRESS"]:
        logger.info("%d copies compressées (.gz) écrites", precompress_tree(output_dir))
    write_json(
        marker_path(output_dir),
        build_marker(
            settings["PUBLISHING_BUILD_KIND"],
            absolute_base(settings["SITEURL"], settings["FEED_DOMAIN"]),
        ),
    )
    built_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    write_json(state_path(final_output_path(pelican)), build_state(COMPLETE, built_at))


def register():
    """Connect the plugin to Pelican."""
    signals.initialized.connect(add_defaults)
    signals.generator_init.connect(add_template_helpers)
    signals.get_generators.connect(start_build)
    signals.finalized.connect(finish_build)
