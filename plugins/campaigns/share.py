"""Share links for a post: plain links, no third-party script, no counter."""

from urllib.parse import quote, urlencode


def share_text(share: str, title: str, hashtags: list[str], url: str) -> str:
    """The proposed text: the campaign's Share text (or the title), hashtags, URL."""
    parts = [share or title, " ".join(f"#{tag}" for tag in hashtags), url]
    return " ".join(part for part in parts if part)


def share_links(text: str, title: str, url: str) -> list[tuple[str, str]]:
    """(label, href) for Mastodon, LinkedIn, Bluesky and e-mail."""
    return [
        ("Mastodon", "https://s2f.kytta.dev/?" + urlencode({"text": text})),
        (
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?"
            + urlencode({"url": url}),
        ),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": text})),
        (
            "Courriel",
            f"mailto:?subject={quote(title)}&body={quote(text)}",
        ),
    ]
