"""Fingerprints of what a page is rendered from, to skip pages that did not change.

A fingerprint is a SHA-256 over a canonical encoding of a value: the same data
gives the same fingerprint in every build, whatever the object identities.
Posts (Pelican content objects) are encoded with all their attributes; a post
met inside another post (related posts, previous/next) is encoded without its
own nested posts, so cycles end and a neighbour's title change still counts.
Posts' bodies may be left out: a listing page never shows one.
Objects whose repr is an address are encoded by type only: they must not hide
page data (PLUGINS.md says which attributes a template may read).
"""

import dataclasses
import datetime as dt
import hashlib
import types
from collections.abc import Callable, Mapping

# Attributes that are plumbing, not page data.
SKIPPED_ATTRIBUTES = frozenset({"settings", "_context", "translations"})
# Pelican's tags, authors and categories cache `name` and `slug` in their
# attributes when a URL is first computed: they are encoded explicitly.
WRAPPER_ATTRIBUTES = frozenset({"name", "slug", "_name", "_slug", "_slug_from_name"})


# A post's body: hashed apart, so that a page can do without its posts' bodies.
BODY = frozenset({"_content"})
# Where a value is met: inside a post (posts by path), or outside any post
# (posts in full), with or without their bodies.
INSIDE = "inside"
OUTSIDE = "outside"
OUTSIDE_WITH_BODIES = "outside+bodies"


def is_url_wrapper(value: object) -> bool:
    """Pelican's Tag, Author and Category: a name, a lazily computed slug."""
    return hasattr(value, "_slug") and hasattr(value, "settings")


def is_paginator_page(value: object) -> bool:
    """Pelican's pagination Page: all it holds follows from paginator and number."""
    return type(value).__name__ == "Page" and hasattr(value, "paginator")


def is_content(value: object) -> bool:
    """Pelican posts and pages: they have a source path and metadata."""
    return hasattr(value, "source_path") and hasattr(value, "metadata")


def _encode_text(value: str) -> bytes:
    encoded = value.encode("utf-8", "surrogatepass")
    return b"s%d:" % len(encoded) + encoded


# How each kind of value with no parts is encoded, tried in order.
SCALAR_ENCODERS: tuple[
    tuple[type | tuple[type, ...], Callable[[object], bytes]], ...
] = (
    ((type(None), bool, int, float), lambda v: f"{type(v).__name__}:{v!r};".encode()),
    (str, _encode_text),
    (bytes, lambda v: b"b%d:" % len(v) + v),
    ((dt.date, dt.time), lambda v: f"t:{v.isoformat()};".encode()),
    ((dt.timedelta, dt.tzinfo), lambda v: f"z:{v};".encode()),
    (
        (types.FunctionType, types.BuiltinFunctionType, type),
        lambda v: f"f:{v.__module__}.{v.__qualname__};".encode(),
    ),
    (types.ModuleType, lambda v: f"m:{v.__name__};".encode()),
)


# The common exact types, looked up before the isinstance() walk.
_FAST_SCALARS = {
    str: _encode_text,
    int: SCALAR_ENCODERS[0][1],
    bool: SCALAR_ENCODERS[0][1],
    float: SCALAR_ENCODERS[0][1],
    type(None): SCALAR_ENCODERS[0][1],
}


def scalar_encoding(value: object) -> bytes | None:
    """The encoding of a value with no parts (None if it has parts)."""
    fast = _FAST_SCALARS.get(type(value))
    if fast is not None:
        return fast(value)
    for kinds, encode in SCALAR_ENCODERS:
        if isinstance(value, kinds):
            return encode(value)
    return None


class Fingerprinter:
    """Encodes values canonically; remembers posts and lists for one build.

    Each post's attributes are encoded once per build, as its "shallow" hash:
    the posts it holds (related, previous/next) by path only, noted in order.
    Met outside any post, a post is its shallow hash followed by the shallow
    hash of each post it holds, so a neighbour's change counts and cycles end.
    Its body (`_content`) is a hash of its own, left out when `bodies` is
    false: a listing shows no body, and the page's own post adds its own.
    """

    def __init__(self):
        """Start with empty memories (one instance per build)."""
        # The value is kept with its fingerprint so that its id is never reused.
        self._memo: dict[tuple, tuple[object, str, tuple]] = {}
        self._posts: dict[tuple[int, bool], tuple[object, bytes]] = {}

    def of(self, value: object, bodies: bool = True) -> str:
        """The hex fingerprint of any value (posts with their body if `bodies`)."""
        digest = hashlib.sha256()
        self._feed(digest.update, value, OUTSIDE_WITH_BODIES if bodies else OUTSIDE)
        return digest.hexdigest()

    def _remembered(self, value: object, mode: str, refs: list | None) -> str:
        """Fingerprint a post or a list once per build (they are reused a lot)."""
        key: tuple = (id(value), mode)
        if is_paginator_page(value):
            # Pelican makes a new Page at each use (previous, current, next
            # page): one page of one paginator is encoded once.
            key = (id(value.paginator), value.number, mode)
        if key not in self._memo:
            digest = hashlib.sha256()
            found: list | None = [] if mode == INSIDE else None
            if isinstance(value, list):
                for item in value:
                    self._feed(digest.update, item, mode, found)
            elif is_url_wrapper(value):
                self._feed(digest.update, (value.name, value.slug), mode, found)
                self._feed_attributes(
                    digest.update, value, mode, found, WRAPPER_ATTRIBUTES
                )
            elif is_content(value):
                self._feed_attributes(digest.update, value, mode, found, BODY)
            else:
                self._feed_attributes(digest.update, value, mode, found)
            self._memo[key] = (value, digest.hexdigest(), tuple(found or ()))
        _, hexdigest, held = self._memo[key]
        if refs is not None:
            refs.extend(held)
        return hexdigest

    def _post(self, post: object, bodies: bool) -> bytes:
        """A post met outside any post: shallow hash, its neighbours', its body."""
        key = (id(post), bodies)
        if key not in self._posts:
            held: list = []
            digest = hashlib.sha256(self._remembered(post, INSIDE, held).encode())
            for neighbour in held:
                digest.update(self._remembered(neighbour, INSIDE, None).encode())
            # Without a summary, Pelican cuts one from the body (get_summary).
            if bodies or "summary" not in getattr(post, "metadata", {}):
                body = getattr(post, "_content", None)
                digest.update(b"body:")
                self._feed(digest.update, body, OUTSIDE)
            self._posts[key] = (post, digest.hexdigest().encode())
        return self._posts[key][1]

    def _feed(
        self,
        write: Callable[[bytes], None],
        value: object,
        mode: str,
        refs: list | None = None,
    ) -> None:
        """Write the canonical encoding of `value`; note posts met inside one."""
        # The commonest kinds first: this runs for every value of every page.
        fast = _FAST_SCALARS.get(type(value))
        if fast is not None:
            write(fast(value))
            return
        if type(value) is list:
            write(b"L" + self._remembered(value, mode, refs).encode())
            return
        scalar = scalar_encoding(value)
        if scalar is not None:
            write(scalar)
        elif is_content(value):
            if mode == INSIDE:
                write(f"post:{value.source_path};".encode())
                refs.append(value)
            else:
                write(b"P" + self._post(value, mode == OUTSIDE_WITH_BODIES))
        elif isinstance(value, list):
            write(b"L" + self._remembered(value, mode, refs).encode())
        elif isinstance(value, tuple | set | frozenset | Mapping):
            self._feed_collection(write, value, mode, refs)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            write(f"dc:{type(value).__qualname__};".encode())
            for field in dataclasses.fields(value):
                self._feed(write, getattr(value, field.name), mode, refs)
        elif hasattr(value, "__dict__"):
            write(f"o:{type(value).__qualname__}:".encode())
            write(self._remembered(value, mode, refs).encode())
        else:
            text = repr(value)
            stable = " at 0x" not in text
            write(f"r:{type(value).__qualname__}:{text if stable else ''};".encode())

    def _feed_collection(
        self,
        write: Callable[[bytes], None],
        value: object,
        mode: str,
        refs: list | None,
    ) -> None:
        """Tuples in order, sets sorted, mappings by sorted key."""
        if isinstance(value, tuple):
            write(b"T%d:" % len(value))
            for item in value:
                self._feed(write, item, mode, refs)
        elif isinstance(value, Mapping):
            write(b"D%d:" % len(value))
            for key in sorted(value, key=str):
                write(_encode_text(str(key)))
                self._feed(write, value[key], mode, refs)
        else:
            bodies = mode != OUTSIDE
            fingerprints = sorted(self.of(item, bodies) for item in value)
            write(b"S" + "".join(fingerprints).encode())

    def _feed_attributes(
        self,
        write: Callable[[bytes], None],
        value: object,
        mode: str,
        refs: list | None,
        also_skipped: frozenset[str] = frozenset(),
    ) -> None:
        """Write an object's attributes, sorted, without the plumbing ones."""
        attributes = vars(value)
        for name in sorted(attributes):
            if name in SKIPPED_ATTRIBUTES or name in also_skipped:
                continue
            write(_encode_text(name))
            self._feed(write, attributes[name], mode, refs)
