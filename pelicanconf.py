"""Settings for a local build (`make html`): root-relative links, absolute feeds."""

import os
import sys

# Plugins are imported by folder name, both here and in the tests.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))

SITENAME = "Vigie"
SITESUBTITLE = "Cybersécurité en santé : tribunes, actualités et campagnes"
ASSOCIATION = (
    "Vigie, association des professionnels de la sécurité "
    "des systèmes d'information en santé"
)
# Pages link from the site root; feeds and absolute links use FEED_DOMAIN.
SITEURL = ""
FEED_DOMAIN = os.environ.get("VIGIE_SITEURL") or "http://127.0.0.1:8000"
RELATIVE_URLS = False

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
AUTHORS_PATH = "authors"
CAMPAIGNS_PATH = "campaigns"

TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
LOCALE = ("C.UTF-8",)

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "markdown_reader",
    "french",
    "authors",
    "schedule",
    "campaigns",
    "feeds",
    "related",
    "navigation",
    "reading_time",
    "search",
    "series",
    "seo",
    "publishing",
    "incremental",
    "validation",
]

JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}

# The slug is the file's name, so editing a title never moves a post.
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
AUTHOR_URL = "auteurs/{slug}/"
AUTHOR_SAVE_AS = "auteurs/{slug}/index.html"
AUTHORS_URL = "auteurs/"
AUTHORS_SAVE_AS = "auteurs/index.html"
CATEGORY_URL = "rubriques/{slug}/"
CATEGORY_SAVE_AS = "rubriques/{slug}/index.html"
CATEGORIES_URL = "rubriques/"
CATEGORIES_SAVE_AS = "rubriques/index.html"
TAG_URL = "campagnes/{slug}/"
TAG_SAVE_AS = "campagnes/{slug}/index.html"
TAGS_URL = "campagnes/"
TAGS_SAVE_AS = "campagnes/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
INDEX_URL = ""
INDEX_SAVE_AS = "index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = [
    "index",
    "tags",
    "authors",
    "categories",
    "archives",
    "subscribe",
    "notfound",
    "search",
]
SUBSCRIBE_URL = "abonnement/"
SUBSCRIBE_SAVE_AS = "abonnement/index.html"
NOTFOUND_URL = "404.html"
NOTFOUND_SAVE_AS = "404.html"
# Search runs in the browser on the Pagefind index (plugins/search).
SEARCH_URL = "recherche/"
SEARCH_SAVE_AS = "recherche/index.html"
DEFAULT_CATEGORY = "Actualité"
USE_FOLDER_AS_CATEGORY = False

# A draft, or a post dated in the future, is written nowhere unless DRAFTS=1.
WITH_FUTURE_DATES = False
PREVIEW_DRAFTS = os.environ.get("VIGIE_DRAFTS") == "1"
DRAFT_URL = "brouillons/{slug}/" if PREVIEW_DRAFTS else ""
DRAFT_SAVE_AS = "brouillons/{slug}/index.html" if PREVIEW_DRAFTS else ""
DRAFT_PAGE_URL = "brouillons/pages/{slug}/" if PREVIEW_DRAFTS else ""
DRAFT_PAGE_SAVE_AS = "brouillons/pages/{slug}/index.html" if PREVIEW_DRAFTS else ""

DEFAULT_PAGINATION = 10
DEFAULT_ORPHANS = 0
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Summaries are plain text headers or the first paragraph (see markdown_reader).
FORMATTED_FIELDS = []

# Feeds come with their own plugin; Pelican's are off.
FEED_ATOM = None
FEED_RSS = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

NAVIGATION = (
    ("Campagnes", "campagnes/"),
    ("Auteurs", "auteurs/"),
    ("Rubriques", "rubriques/"),
    ("Archives", "archives/"),
    ("À propos", "a-propos/"),
)
FOOTER_LINKS = (
    ("Mentions légales", "mentions-legales/"),
    ("Confidentialité", "confidentialite/"),
)

# Rebuilds reuse what did not change: rendered bodies (markdown_reader) and
# pages whose data did not change (plugins/incremental). Pelican's own content
# cache stays off: ours is keyed by content, not by file dates.
INCREMENTAL = True
CACHE_PATH = os.environ.get("VIGIE_CACHE_PATH") or "cache"
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = []

# The one Content-Security-Policy: sent as a header (_headers, .htaccess) and,
# without frame-ancestors, as a <meta> in every page. Search (Pagefind) needs
# 'wasm-unsafe-eval'; the theme has no inline script or style.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# PRECOMPRESS=1: a .gz copy beside each text file, for hosts that serve them.
PUBLISHING_PRECOMPRESS = os.environ.get("VIGIE_PRECOMPRESS") == "1"
# The writer's loop (plugins/validation): every problem listed at once, in
# French; the site is built beside output/ and swapped in only on success.
PELICAN_CLASS = "validation.VigiePelican"
# `make html STRICT=1`: warnings fail the build too.
VALIDATION_STRICT = os.environ.get("VIGIE_STRICT") == "1"
VALIDATION_CATEGORIES = ("Tribune", "Actualité", "Communiqué")
# Header keys added by our plugins beyond the contract's (plugins/series).
VALIDATION_EXTRA_KEYS = {"post": ["Series"]}
# Hosts a post may embed with <iframe> (https only); none by default.
SANITIZE_IFRAME_HOSTS = ()
