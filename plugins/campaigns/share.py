"""Share links for a post: plain links, no third-party script, no counter."""

from urllib.parse import quote, quote_plus


def share_text(share: str, title: str, hashtags: list[str], url: str) -> str:
    """The proposed text: the campaign's Share text (or the title), hashtags, URL."""
    parts = [share or title, " ".join(f"#{tag}" for tag in hashtags), url]
    return " ".join(part for part in parts if part)


def share_links(text: str, title: str, url: str) -> list[tuple[str, str]]:
    """(label, href) for Mastodon, LinkedIn, Bluesky and e-mail."""
    # What urlencode({"text": text}) gives, with the text encoded once.
    text_query = "text=" + quote_plus(text, safe="")
    return [
        ("Mastodon", "https://s2f.kytta.dev/?" + text_query),
        (
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?url="
            + quote_plus(url, safe=""),
        ),
        ("Bluesky", "https://bsky.app/intent/compose?" + text_query),
        (
            "Courriel",
            f"mailto:?subject={quote(title)}&body={quote(text)}",
        ),
    ]
