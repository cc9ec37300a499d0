"""Breadcrumbs as schema.org BreadcrumbList, safe inside a `<script>` element."""

import json
from collections.abc import Sequence

# Characters that could end the script element or start markup inside it:
# JSON allows their \u escapes, so the data stays the same.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def breadcrumb_list(crumbs: Sequence[tuple[str, str]]) -> dict:
    """A schema.org BreadcrumbList from (name, absolute URL) pairs, top first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def script_json(data: object) -> str:
    """JSON text that can stand inside `<script type="application/ld+json">`."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
