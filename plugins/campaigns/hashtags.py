"""Hashtags: find them, name them, link them. Pure functions, no Pelican, no I/O.

What counts as a hashtag (CONTRACT.md, "Hashtags and campaigns"), as decided
here and pinned by tests/unit/test_hashtags.py:

- `#`, then a letter of any script, then letters, digits, `_` or combining
  marks (so `#Sécurité` written with decomposed accents, `e` + U+0301, is one,
  and so are `#सुरक्षा` or `#ความปลอดภัย`, whose vowel signs are marks).
  `#2025`, `#_x`, `#` alone are not hashtags.
- It must not be glued to what comes before: no letter, digit, `_`, mark,
  `&`, `#`, `/`, backslash, `.`, `=` or `@` just before the `#`. So `C#`, `F#`,
  `page.html#top`, `https://x.org/#frag`, `&#Tag`, `##double` are not hashtags;
  `(#Tag)`, `«#Tag»`, `"#Tag"`, `:#Tag` are.
- It ends at the first character that cannot continue it: `#Vigilance.`,
  `#Vigilance,`, `#Vigilance’s`, `#Cyber-Mois` give `Vigilance`, `Vigilance`,
  `Vigilance`, `Cyber`, as on social networks. A hashtag directly followed by
  another `#` (`#A#B`) is neither.
- In rendered HTML, only text nodes count: never inside a tag, its
  attributes, a comment, a character reference (`&#233;`, `&#x27;`,
  `&#35;Tag`), nor in code or other non-prose: `<code>`, `<pre>`, `<kbd>`,
  `<samp>`, `<var>`, `<script>`, `<style>`, `<textarea>`, `<svg>`, `<math>`…
  A tag is a word boundary: `<b>#Tag</b>` counts; headings and emphasis count.
- The text of a link (`[#Tag](https://x.org/)`), of a `<button>` or an
  `<option>` counts but is not linked, since a link cannot hold a link. A
  visible address (`<https://x.org/#frag>`) is safe: its `#` is glued to `/`.

A hashtag's identity is its slug (`hashtag_slug`): case and accents do not
matter, other scripts are transliterated with Unidecode.
"""

from __future__ import annotations

import bisect
import functools
import html as html_lib
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from unidecode import unidecode


def _combining_marks() -> str:
    """Return a regex class body of every combining mark (categories Mn, Mc, Me)."""
    # Python's `\w` has no marks, and `re` has no `\p{M}`. Marks only live in
    # planes 0, 1 and 14: scanning only those keeps the import to ~50 ms.
    code_points = [
        code
        for block in (range(0x20000), range(0xE0000, 0xE1000))
        for code in block
        if unicodedata.category(chr(code)).startswith("M")
    ]
    ranges: list[tuple[int, int]] = []
    for code in code_points:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(
        f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}"
        for first, last in ranges
    )


_MARKS = _combining_marks()
# The characters that may follow the first letter of a hashtag (UAX #31's
# identifier characters, give or take): letters, digits, `_` and marks.
_WORD_CHAR = rf"[\w{_MARKS}]"
_SPELLING = rf"[^\W\d_]{_WORD_CHAR}*+"

# A hashtag in plain text; group 1 is its spelling, without the `#`. The
# check of the character before the `#` comes after it, so that the regex
# engine can jump from `#` to `#` instead of testing every position.
HASHTAG_PATTERN = re.compile(rf"#(?<![\w{_MARKS}&#/\\.=@]#)({_SPELLING})(?!#)")

_SPELLING_PATTERN = re.compile(_SPELLING)

# --- Slugs -----------------------------------------------------------------

_NOT_SLUG_CHARS = re.compile(r"[^a-z0-9_\s]+")
_SEPARATORS = re.compile(r"\s+")


@functools.lru_cache(maxsize=65536)
def hashtag_slug(spelling: str) -> str:
    """Return the URL segment naming a hashtag: case and accents do not matter.

    `#TousCyberVigilants` → `touscybervigilants`, `SécuritéNumérique` →
    `securitenumerique`, `CERT_Santé` → `cert_sante`, `#Безопасность` →
    `bezopasnost`, `#网络安全` → `wang-luo-an-quan`. A letter Unidecode cannot
    transliterate becomes `u<hex code point>` (`#𞤀` → `u1e922`, from its lower
    case), so every hashtag gets a non-empty slug made of `[a-z0-9_]` runs
    joined by single `-`. Any other text (a category name) works too: runs of
    other characters become one `-`. Raise ValueError if nothing is left.
    """
    text = unicodedata.normalize("NFC", spelling.lstrip("#")).casefold()
    slug = _SEPARATORS.sub("-", "".join(map(_transliterate, text)).strip())
    if not slug:
        # Only letters that Unidecode spells as punctuation (`ǀ` → `|`).
        slug = "-".join(f"u{ord(char):x}" for char in text if char.isalnum())
    if not slug:
        raise ValueError(f"no letter or digit to make a slug from: {spelling!r}")
    return slug


def _transliterate(char: str) -> str:
    """Spell one lower-case character in `[a-z0-9_]`, or a space between words."""
    if char.isascii():
        return char if char.isalnum() or char == "_" else " "
    ascii_text = unidecode(char).lower()
    if any(c.isalnum() for c in ascii_text):
        # Unidecode separates CJK syllables with spaces: keep those as `-`.
        return _NOT_SLUG_CHARS.sub("", ascii_text)
    if not char.isalnum():
        # Marks (accents) vanish; anything else (a space, an emoji) separates.
        return "" if unicodedata.category(char).startswith("M") else " "
    if ascii_text:
        # A letter Unidecode spells as punctuation (`ь` → `'`): glue.
        return ""
    # A letter Unidecode does not know: keep it, deterministically, rather
    # than let two hashtags share a slug.
    return f" u{ord(char):x} "


def dedupe_by_slug(spellings: Iterable[str]) -> list[str]:
    """Return the spellings with one per slug, keeping the first one met."""
    seen: set[str] = set()
    unique = []
    for spelling in spellings:
        slug = hashtag_slug(spelling)
        if slug not in seen:
            seen.add(slug)
            unique.append(spelling)
    return unique


# --- The Hashtags: header ------------------------------------------------------

_FIELD_SEPARATORS = re.compile(r"[\s,]+")


def parse_hashtags_field(value: str) -> tuple[list[str], list[str]]:
    """Split a `Hashtags:` value into (valid spellings, invalid tokens).

    Tokens are separated by spaces and/or commas, and the `#` is optional:
    `#A #B`, `A, B`, `#A,#B` all give `["A", "B"]`. Spellings come without
    their `#`, NFC-normalised, in order, one per slug (the first spelling
    wins). A lone `#` (`# A`) is a stray mark and is ignored. Anything else
    that is not exactly one hashtag is returned, as written, among the invalid
    tokens so that the build can name it: `#2025`, `##A`, `#Cyber-Mois`,
    `#A.`, `C#`.
    """
    valid = []
    invalid = []
    for token in _FIELD_SEPARATORS.split(value):
        if token in {"", "#"}:
            continue
        spelling = unicodedata.normalize("NFC", token.removeprefix("#"))
        if _SPELLING_PATTERN.fullmatch(spelling):
            valid.append(spelling)
        elif token not in invalid:
            invalid.append(token)
    return dedupe_by_slug(valid), invalid


# --- Inline hashtags in rendered HTML ------------------------------------------

_HTML_SPACE = "\t\n\f\r "
_SPACE = f"[{_HTML_SPACE}]"
_TAG_END = f"(?:{_SPACE}|[/>]|\\Z)"  # what may follow a tag's name
_NAME_CHAR = f"[^{_HTML_SPACE}/>]"
# A tag's attributes, split as HTML5 splits them: a quote opens a value only
# after `=`; a value left open runs to the end, as it does in a browser.
_ATTRIBUTES = rf"""(?>
    [{_HTML_SPACE}/]++
  | {_NAME_CHAR}[^{_HTML_SPACE}/>=]*+
    (?>{_SPACE}*+={_SPACE}*+
       (?>"[^"]*+"?|'[^']*+'?|[^{_HTML_SPACE}>"'][^{_HTML_SPACE}>]*+)?)?
)*+(?:>|\Z)"""
# Elements whose content is raw text, tags included, up to their end tag.
_RAW_TEXT_ELEMENTS = (
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
)
_RAW_TEXT = "|".join(
    rf"(?i:{name})(?={_TAG_END}){_ATTRIBUTES}"
    rf"(?:.*?(?=</(?i:{name})(?:{_SPACE}|[/>]))|.*)"
    for name in _RAW_TEXT_ELEMENTS
)
# Elements whose text is not prose: no hashtag there.
_IGNORED = frozenset({"code", "kbd", "math", "pre", "samp", "svg", "template", "var"})
# Elements whose hashtags count but cannot hold a link.
_UNLINKED = frozenset({"a", "button", "option", "select"})
_WATCHED = "|".join(sorted(_IGNORED | _UNLINKED))
# One piece of markup, read as an HTML5 tokenizer would, generously: when in
# doubt, swallow more (a missed hashtag) rather than less (a link inside a
# tag). With its two groups, `split` returns [text, markup, watched, text,
# …], where `watched` names the start or end tag of an ignored or unlinked
# element (`code`, `/A`), else is None: the caller's loop needs no regex.
# (Raw text elements are one piece of markup, from start to end tag.)
_MARKUP = re.compile(
    rf"""(<(?:
        !--(?:-?>|.*?(?:--!?>|\Z))       # comment; <!--> is an empty one
      | [!?][^>]*+(?:>|\Z)               # doctype, CDATA, bogus comment
      | /(?:>|[^A-Za-z>][^>]*+(?:>|\Z))   # </> or a bogus comment
      | (?=[iInNpPsStTxX])                 # (a cheap guard, for speed)
        (?:(?i:plaintext)(?={_TAG_END}).*|{_RAW_TEXT})
      | (?:(/?(?i:{_WATCHED}))(?={_TAG_END})|/?[A-Za-z])
        {_NAME_CHAR}*+{_ATTRIBUTES}
    ))""",
    re.VERBOSE | re.DOTALL,
)
_CHAR_REF = re.compile(r"(&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?))")


def link_inline_hashtags(
    html: str, href_for_slug: Callable[[str], str]
) -> tuple[str, list[str]]:
    """Wrap each hashtag in the text of rendered HTML in a link to its page.

    Each becomes `<a class="hashtag" href="…">#Spelling</a>`, with the
    writer's own spelling and `href_for_slug(slug)` (a plain URL, escaped
    here). Returns the new HTML, every other byte unchanged, and the
    spellings (NFC, without `#`) of every occurrence in document order,
    repeats included, linked or not. See the module docstring for what counts.
    """
    if "#" not in html:
        return html, []
    parts = _MARKUP.split(html)
    # Text nodes are at indices 0, 3, 6…; nothing after the last `#` matters.
    last_text = max((i for i in range(0, len(parts), 3) if "#" in parts[i]), default=-1)
    spellings: list[str] = []
    hrefs: dict[str, str] = {}
    # How many of each ignored or unlinked element are open here.
    open_elements: dict[str, int] = {}
    for index in range(0, last_text + 1, 3):
        if "#" in parts[index] and not open_elements.keys() & _IGNORED:
            parts[index] = _link_text(
                parts[index], href_for_slug, spellings, hrefs, link=not open_elements
            )
        tag = parts[index + 2] if index < last_text else None
        if tag:
            name = tag.lstrip("/").lower()
            if not tag.startswith("/"):
                open_elements[name] = open_elements.get(name, 0) + 1
            elif name in open_elements:
                open_elements[name] -= 1
                if not open_elements[name]:
                    del open_elements[name]
    if not spellings:
        return html, []
    del parts[2::3]
    return "".join(parts), spellings


def _link_text(
    raw: str,
    href_for_slug: Callable[[str], str],
    spellings: list[str],
    hrefs: dict[str, str],
    *,
    link: bool,
) -> str:
    """Append the spellings of one raw text node's hashtags; link them if `link`.

    `hrefs` caches the escaped link of each spelling met in this document.
    """
    # Hashtags are found in the decoded text, so that `&amp;#x` (glued to
    # `&`) and `&nbsp;#x` (after a space) read as a reader sees them.
    decoded = _DecodedText(raw) if "&" in raw else None
    linked = []
    copied = 0
    for match in HASHTAG_PATTERN.finditer(decoded.text if decoded else raw):
        spelling = unicodedata.normalize("NFC", match.group(1))
        spellings.append(spelling)
        if not link:
            continue
        start, end = decoded.raw_span(*match.span()) if decoded else match.span()
        if spelling not in hrefs:
            href = href_for_slug(hashtag_slug(spelling))
            hrefs[spelling] = html_lib.escape(href, quote=True)
        href = hrefs[spelling]
        linked.append(raw[copied:start])
        linked.append(f'<a class="hashtag" href="{href}">{raw[start:end]}</a>')
        copied = end
    if not linked:
        return raw
    linked.append(raw[copied:])
    return "".join(linked)


class _DecodedText:
    """A text node with its character references decoded, mapped back to raw."""

    def __init__(self, raw: str) -> None:
        # Literal chunks at even indices, references at odd ones.
        chunks = _CHAR_REF.split(raw)
        decoded_chunks = []
        self._decoded_starts = []
        self._raw_starts = []
        decoded_length = raw_length = 0
        for index, chunk in enumerate(chunks):
            # A `#` written as a reference (`&#35;`) is escaped on purpose:
            # make it a character that glues, never one that starts a hashtag.
            decoded = html_lib.unescape(chunk).replace("#", "&") if index % 2 else chunk
            self._decoded_starts.append(decoded_length)
            self._raw_starts.append(raw_length)
            decoded_chunks.append(decoded)
            decoded_length += len(decoded)
            raw_length += len(chunk)
        self._decoded_starts.append(decoded_length)
        self._raw_starts.append(raw_length)
        self.text = "".join(decoded_chunks)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a decoded span to the raw text; a reference is never cut."""
        first = bisect.bisect_right(self._decoded_starts, start) - 1
        last = bisect.bisect_right(self._decoded_starts, end - 1) - 1
        raw_start = self._raw_starts[first] + start - self._decoded_starts[first]
        if last % 2:
            return raw_start, self._raw_starts[last + 1]
        return raw_start, self._raw_starts[last] + end - self._decoded_starts[last]


# --- Spellings and typos ---------------------------------------------------------


def display_spellings(uses: Iterable[tuple[Any, str]]) -> dict[str, str]:
    """Map each slug to its most used spelling; ties go to the earliest use.

    `uses` holds (sort_key, spelling) pairs, one per use, e.g. (post date,
    spelling); the `#` is optional. Equal counts and equal earliest keys go to
    the spelling met first in `uses`.
    """
    stats: dict[str, dict[str, list[Any]]] = {}
    for index, (sort_key, raw_spelling) in enumerate(uses):
        spelling = unicodedata.normalize("NFC", raw_spelling.lstrip("#"))
        by_spelling = stats.setdefault(hashtag_slug(spelling), {})
        if spelling not in by_spelling:
            by_spelling[spelling] = [0, sort_key, index]
        entry = by_spelling[spelling]
        entry[0] += 1
        entry[1] = min(entry[1], sort_key)
    return {
        slug: min(
            by_spelling,
            key=lambda s, b=by_spelling: (-b[s][0], b[s][1], b[s][2]),
        )
        for slug, by_spelling in stats.items()
    }


def closest_slug(slug: str, known: Iterable[str]) -> str | None:
    """Return a known slug one typo away from `slug`, for a « vouliez-vous dire ».

    One typo: a letter inserted, deleted, replaced, or two neighbours swapped.
    None if `slug` is itself known or no known slug is one typo away; if
    several are, the first in `known` (so pass them most used first).
    """
    candidates = list(known)
    if slug in candidates:
        return None
    return next((k for k in candidates if _one_edit_apart(slug, k)), None)


def _one_edit_apart(first: str, second: str) -> bool:
    """Tell whether two strings are one insert, delete, substitute or swap apart."""
    if abs(len(first) - len(second)) > 1 or first == second:
        return False
    prefix = 0
    while prefix < min(len(first), len(second)) and first[prefix] == second[prefix]:
        prefix += 1
    first_rest, second_rest = first[prefix:], second[prefix:]
    if len(first) == len(second):
        substituted = first_rest[1:] == second_rest[1:]
        swapped = (
            len(first_rest) >= 2
            and first_rest[0] == second_rest[1]
            and first_rest[1] == second_rest[0]
            and first_rest[2:] == second_rest[2:]
        )
        return substituted or swapped
    if len(first) > len(second):
        return first_rest[1:] == second_rest
    return first_rest == second_rest[1:]
