"""Count the words a reader reads in rendered HTML. Pure functions."""

from html.parser import HTMLParser

# A calm reading pace for French prose on a screen.
WORDS_PER_MINUTE = 220
# Text in these elements is not read.
_UNREAD = {"script", "style", "template"}


class _TextCollector(HTMLParser):
    """Collects the text nodes of a fragment, outside unread elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.unread_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _UNREAD:
            self.unread_depth += 1

    def handle_endtag(self, tag):
        if tag in _UNREAD and self.unread_depth:
            self.unread_depth -= 1

    def handle_data(self, data):
        if not self.unread_depth:
            self.parts.append(data)


def count_words(html: str) -> int:
    """Words of the text of `html`: runs between spaces holding a letter or digit.

    Tags separate words (`<li>un</li><li>deux</li>` is two words); `l'équipe`
    is one word, and a lone `—` or `:` is none.
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = " ".join(collector.parts)
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


def reading_minutes(words: int, per_minute: int = WORDS_PER_MINUTE) -> int:
    """Minutes to read `words` words, to the nearest minute, at least 1."""
    return max(1, int(words / per_minute + 0.5))
