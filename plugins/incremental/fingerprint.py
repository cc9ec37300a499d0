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

Write = Callable[[bytes], None]


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


def _encode_number(value: object) -> bytes:
    return f"{type(value).__name__}:{value!r};".encode()


# How each kind of value with no parts is encoded, tried in order.
SCALAR_ENCODERS: tuple[
    tuple[type | tuple[type, ...], Callable[[object], bytes]], ...
] = (
    ((type(None), bool, int, float), _encode_number),
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


def scalar_encoder(kind: type) -> Callable[[object], bytes] | None:
    """How values of type `kind` are encoded if they have no parts, else None."""
    for kinds, encode in SCALAR_ENCODERS:
        if issubclass(kind, kinds):
            return encode
    return None


def scalar_encoding(value: object) -> bytes | None:
    """The encoding of a value with no parts (None if it has parts)."""
    encode = scalar_encoder(type(value))
    return None if encode is None else encode(value)


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
        # How each type met so far is encoded: decided once per type, since
        # this runs for every value of every page.
        self._encoders: dict[type, Callable] = {
            list: self._feed_list,
            tuple: self._feed_tuple,
            dict: self._feed_mapping,
        }

    def of(self, value: object, bodies: bool = True) -> str:
        """The hex fingerprint of any value (posts with their body if `bodies`)."""
        digest = hashlib.sha256()
        self._feed(digest.update, value, OUTSIDE_WITH_BODIES if bodies else OUTSIDE)
        return digest.hexdigest()

    def _feed(self, write: Write, value: object, mode: str, refs=None) -> None:
        """Write the canonical encoding of `value`; note posts met inside one."""
        kind = type(value)
        if kind is str:
            # Most values are text: no further call for them.
            encoded = value.encode("utf-8", "surrogatepass")
            write(b"s%d:" % len(encoded) + encoded)
            return
        encoder = self._encoders.get(kind)
        if encoder is None:
            encoder = self._encoders[kind] = self._encoder_for(kind)
        encoder(write, value, mode, refs)

    def _encoder_for(self, kind: type) -> Callable:
        """The method that encodes values of type `kind`."""
        scalar = scalar_encoder(kind)
        if scalar is not None:
            return lambda write, value, mode, refs: write(scalar(value))
        if issubclass(kind, list):
            return self._feed_list
        if issubclass(kind, tuple):
            return self._feed_tuple
        if issubclass(kind, Mapping):
            return self._feed_mapping
        if issubclass(kind, set | frozenset):
            return self._feed_set
        return self._feed_object

    def _feed_list(self, write: Write, value: list, mode: str, refs) -> None:
        write(b"L" + self._remembered(value, mode, refs).encode())

    def _feed_tuple(self, write: Write, value: tuple, mode: str, refs) -> None:
        write(b"T%d:" % len(value))
        feed = self._feed
        for item in value:
            feed(write, item, mode, refs)

    def _feed_mapping(self, write: Write, value: Mapping, mode: str, refs) -> None:
        """Mappings by sorted key."""
        write(b"D%d:" % len(value))
        feed = self._feed
        for key in sorted(value, key=str):
            write(_encode_text(str(key)))
            feed(write, value[key], mode, refs)

    def _feed_set(self, write: Write, value: object, mode: str, refs) -> None:
        """Sets sorted by their items' fingerprints."""
        bodies = mode != OUTSIDE
        fingerprints = sorted(self.of(item, bodies) for item in value)
        write(b"S" + "".join(fingerprints).encode())

    def _feed_object(self, write: Write, value: object, mode: str, refs) -> None:
        """Posts, dataclasses, other objects by their attributes, else by repr."""
        if is_content(value):
            if mode == INSIDE:
                write(f"post:{value.source_path};".encode())
                refs.append(value)
            else:
                write(b"P" + self._post(value, mode == OUTSIDE_WITH_BODIES))
        elif dataclasses.is_dataclass(value):
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

    def _remembered(self, value: object, mode: str, refs: list | None) -> str:
        """Fingerprint a post or a list once per build (they are reused a lot)."""
        key: tuple = (id(value), mode)
        paginated = is_paginator_page(value)
        if paginated:
            # Pelican makes a new Page at each use (previous, current, next
            # page): one page of one paginator is encoded once, as its
            # paginator and number, from which all it holds follows.
            key = (id(value.paginator), value.number, mode)
        memo = self._memo.get(key)
        if memo is None:
            digest = hashlib.sha256()
            found: list | None = [] if mode == INSIDE else None
            if isinstance(value, list):
                self._feed_items(digest.update, value, mode, found)
            elif paginated:
                self._feed(digest.update, (value.paginator, value.number), mode, found)
            elif is_url_wrapper(value):
                self._feed(digest.update, (value.name, value.slug), mode, found)
                self._feed_attributes(
                    digest.update, value, mode, found, WRAPPER_ATTRIBUTES
                )
            elif is_content(value):
                self._feed_attributes(digest.update, value, mode, found, BODY)
            else:
                self._feed_attributes(digest.update, value, mode, found)
            memo = self._memo[key] = (value, digest.hexdigest(), tuple(found or ()))
        if refs is not None:
            refs.extend(memo[2])
        return memo[1]

    def _feed_items(self, write: Write, items: list, mode: str, refs) -> None:
        """A list's items; a listing's posts are mostly known already."""
        feed, posts = self._feed, self._posts
        bodies = mode == OUTSIDE_WITH_BODIES
        for item in items:
            known = None if mode == INSIDE else posts.get((id(item), bodies))
            if known is not None and known[0] is item:
                write(b"P" + known[1])
            else:
                feed(write, item, mode, refs)

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

    def _feed_attributes(
        self,
        write: Write,
        value: object,
        mode: str,
        refs: list | None,
        also_skipped: frozenset[str] = frozenset(),
    ) -> None:
        """Write an object's attributes, sorted, without the plumbing ones."""
        attributes = vars(value)
        feed = self._feed
        for name in sorted(attributes):
            if name in SKIPPED_ATTRIBUTES or name in also_skipped:
                continue
            write(_encode_text(name))
            if name == "metadata" and type(attributes[name]) is dict:
                self._feed_metadata(write, attributes, mode, refs, also_skipped)
            else:
                feed(write, attributes[name], mode, refs)

    def _feed_metadata(
        self,
        write: Write,
        attributes: dict,
        mode: str,
        refs: list | None,
        also_skipped: frozenset[str],
    ) -> None:
        """A post's metadata, without encoding an entry twice.

        Pelican sets most attributes from the metadata: an entry that is the
        attribute of the same name (encoded with the post) is written as `=`.
        """
        metadata = attributes["metadata"]
        write(b"M%d:" % len(metadata))
        for key in sorted(metadata, key=str):
            value = metadata[key]
            write(_encode_text(str(key)))
            encoded_apart = (
                key not in SKIPPED_ATTRIBUTES
                and key not in also_skipped
                and attributes.get(key, self) is value
            )
            if encoded_apart:
                write(b"=")
            else:
                self._feed(write, value, mode, refs)
