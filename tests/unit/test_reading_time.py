"""Reading time: words of the rendered text, minutes at a calm pace."""

import pytest
from reading_time.words import WORDS_PER_MINUTE, count_words, reading_minutes


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("", 0),
        ("<p>Un deux trois.</p>", 3),
        ("<ul><li>un</li><li>deux</li></ul>", 2),  # tags separate words
        ("<p>L’équipe d'astreinte — en 2025 : prête.</p>", 5),  # — and : are no words
        ("<p>Texte</p><script>var a = 1;</script><style>p {}</style>", 1),
        ("<p>A &amp; B</p>", 2),
        ('<p><a href="https://x.fr/une/très/longue/adresse">lien</a></p>', 1),
        ("<!-- un commentaire --><p>mot</p>", 1),
    ],
)
def test_count_words(html, words):
    assert count_words(html) == words


@pytest.mark.parametrize(
    ("words", "minutes"),
    [
        (0, 1),
        (10, 1),
        (WORDS_PER_MINUTE, 1),
        (int(WORDS_PER_MINUTE * 1.6), 2),
        (WORDS_PER_MINUTE * 6, 6),
        (WORDS_PER_MINUTE * 6 + WORDS_PER_MINUTE // 2 - 1, 6),
        (WORDS_PER_MINUTE * 6 + WORDS_PER_MINUTE // 2, 7),
    ],
)
def test_reading_minutes_rounds_and_is_at_least_one(words, minutes):
    assert reading_minutes(words) == minutes


def test_pace_is_within_the_usual_range():
    assert 200 <= WORDS_PER_MINUTE <= 230
