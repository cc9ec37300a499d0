"""Settings for the public site (`make publish`): every URL absolute."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *

SITEURL = os.environ.get("VIGIE_PUBLIC_SITEURL", "https://vigie-sante.fr").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
