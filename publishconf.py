"""Settings for the public site (`make publish`): every URL absolute."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *

# The public address: env VIGIE_PUBLIC_SITEURL (`make publish SITEURL=…`) or this.
SITEURL = (os.environ.get("VIGIE_PUBLIC_SITEURL") or "https://vigie-sante.fr").rstrip(
    "/"
)
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# A public build never carries drafts or scheduled posts, whatever DRAFTS says.
PREVIEW_DRAFTS = False
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""

# Every file is read afresh: a cache could carry a stale page to the public.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
INCREMENTAL = False

# Deploy targets accept only a build recorded as a publish build.
PUBLISHING_BUILD_KIND = "publish"
