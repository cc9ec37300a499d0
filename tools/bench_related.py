"""Time the « À lire également » computation alone on a content tree.

    python tools/bench_related.py /tmp/c10k/content

Each post's hashtags, authors, category and date are read as the build reads
them (header, rendered body, inline hashtags outside code and links); only
`related_posts` is timed, with the index built inside the timing.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from campaigns.hashtags import (
    hashtag_slug,
    link_inline_hashtags,
    parse_hashtags_field,
)
from markdown_reader.headers import parse_source
from markdown_reader.metadata import as_text, parse_date, split_list
from markdown_reader.reader import VigieMarkdownReader
from related.scoring import PostFeatures, related_posts

SETTINGS = {"PATH": "content", "READERS": {}, "FORMATTED_FIELDS": []}


def read_features(content: Path) -> list[PostFeatures]:
    """The features of every post under content/posts, as the plugin sees them."""
    reader = VigieMarkdownReader(SETTINGS)
    posts = []
    for path in sorted((content / "posts").rglob("*.md")):
        parsed = parse_source(path.read_text(encoding="utf-8"))
        html = reader.render(parsed.body)
        header, _ = parse_hashtags_field(as_text(parsed.value("hashtags")))
        _, inline = link_inline_hashtags(html, lambda slug: slug)
        posts.append(
            PostFeatures(
                key=str(path),
                hashtags=frozenset(hashtag_slug(s) for s in header + inline),
                authors=frozenset(
                    split_list(parsed.value("authors") or parsed.value("author"))
                ),
                category=as_text(parsed.value("category")) or "Actualité",
                date=parse_date(parsed.value("date"), "Europe/Paris"),
            )
        )
    return posts


def main() -> None:
    """Read the posts, then time the related posts of all of them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    posts = read_features(arguments.content)
    timings = []
    for _ in range(arguments.runs):
        started = time.perf_counter()
        related = related_posts(posts, posts)
        timings.append(time.perf_counter() - started)
    sizes = [len(keys) for keys in related.values()]
    sys.stdout.write(
        f"{len(posts)} posts, {sum(sizes) / len(sizes):.2f} related posts each; "
        f"related_posts: median {sorted(timings)[len(timings) // 2]:.3f} s "
        f"over {arguments.runs} runs\n"
    )


if __name__ == "__main__":
    main()
