"""Count the words a reader reads in rendered HTML. Pure functions."""

import html as html_module
import re

# A calm reading pace for French prose on a screen.
WORDS_PER_MINUTE = 220
# Text in these elements is not read.
_UNREAD = re.compile(
    r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]*>")
# A word: a run of non-spaces holding at least one letter or digit.
_WORD = re.compile(r"\S*?[^\W_]\S*")


def count_words(html: str) -> int:
    """Words of the text of `html`: runs between spaces holding a letter or digit.

    Tags separate words (`<li>un</li><li>deux</li>` is two words); `l'équipe`
    is one word, and a lone `—` or `:` is none. Regular expressions, not an
    HTML parser: bodies are already sanitised, and this runs on every post.
    """
    text = html_module.unescape(_TAG.sub(" ", _UNREAD.sub(" ", html)))
    return len(_WORD.findall(text))


def reading_minutes(words: int, per_minute: int = WORDS_PER_MINUTE) -> int:
    """Minutes to read `words` words, to the nearest minute, at least 1."""
    return max(1, int(words / per_minute + 0.5))
