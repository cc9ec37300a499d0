"""Security and cache headers: `_headers`, the `.htaccess` section, the CSP meta."""

# Directives a <meta> policy ignores (browsers warn about them): header only.
HEADER_ONLY_DIRECTIVES = ("frame-ancestors", "report-uri", "report-to", "sandbox")
# Every powerful browser feature off: the site needs none of them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "sync-xhr",
        "usb",
        "xr-spatial-tracking",
    )
)
CACHE_SHORT = "public, max-age=600"
CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
# A fingerprinted name, as publishing.assets writes it: `vigie.3f2a1c9b.css`.
FINGERPRINT_PATTERN = r"\.[0-9a-f]{8}\.(css|js)$"


def policy_directives(policy: str) -> list[str]:
    """The directives of a policy, one clean `name value…` string each."""
    return [" ".join(part.split()) for part in policy.split(";") if part.strip()]


def normalised_policy(policy: str) -> str:
    """A policy written the one way headers and meta tags carry it."""
    return "; ".join(policy_directives(policy))


def meta_policy(policy: str) -> str:
    """The policy for a <meta http-equiv> tag: header-only directives dropped."""
    return "; ".join(
        directive
        for directive in policy_directives(policy)
        if directive.split()[0].lower() not in HEADER_ONLY_DIRECTIVES
    )


def security_headers(policy: str) -> list[tuple[str, str]]:
    """The security headers every response carries."""
    return [
        ("Content-Security-Policy", normalised_policy(policy)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
    ]


def cache_rules(
    files: list[str], fingerprinted: set[str], prefix: str = ""
) -> list[tuple[str, str]]:
    """(path rule, Cache-Control) pairs that never overlap.

    Hosts join the values of overlapping rules, so each path gets exactly one:
    a fingerprinted file one year; anything else ten minutes, by top-level
    folder (`/2025/*`) or file, and file by file in a folder that holds
    fingerprints. `files` are the output's paths, `/`-separated.
    """
    hashed_roots = {path.split("/", 1)[0] for path in fingerprinted}
    rules = {f"{prefix}/": CACHE_SHORT}
    for path in files:
        root, _, rest = path.partition("/")
        if root.startswith((".", "_")):
            continue
        if path in fingerprinted:
            rules[f"{prefix}/{path}"] = CACHE_IMMUTABLE
        elif rest and root not in hashed_roots:
            rules[f"{prefix}/{root}/*"] = CACHE_SHORT
        else:
            rules[f"{prefix}/{path}"] = CACHE_SHORT
    return sorted(rules.items())


def headers_file(policy: str, rules: list[tuple[str, str]], prefix: str = "") -> str:
    """Netlify / Cloudflare `_headers`: security headers on all, then cache rules."""
    lines = [
        "# En-têtes de sécurité et de cache (Netlify, Cloudflare Pages).",
        f"{prefix}/*",
    ]
    lines += [f"  {name}: {value}" for name, value in security_headers(policy)]
    for path, cache_control in rules:
        lines += ["", path, f"  Cache-Control: {cache_control}"]
    return "\n".join(lines) + "\n"


def htaccess_headers(policy: str, prefix: str = "") -> str:
    """The Apache section: security headers, cache lifetimes, the 404 page."""
    lines = [
        "# En-têtes de sécurité et de cache, et la page 404.",
        f"ErrorDocument 404 {prefix}/404.html",
        "AddDefaultCharset utf-8",
        "<IfModule mod_headers.c>",
    ]
    lines += [
        f'  Header always set {name} "{value}"'
        for name, value in security_headers(policy)
    ]
    lines += [
        f'  Header set Cache-Control "{CACHE_SHORT}"',
        f'  <FilesMatch "{FINGERPRINT_PATTERN}">',
        f'    Header set Cache-Control "{CACHE_IMMUTABLE}"',
        "  </FilesMatch>",
        "</IfModule>",
    ]
    return "\n".join(lines) + "\n"
