"""Hypothesis strategies for content files: plausible, broken, or hostile."""

from hypothesis import strategies as st

KEYS = [
    "Title",
    "Date",
    "Author",
    "Authors",
    "Category",
    "Status",
    "Slug",
    "Aliases",
    "Hashtags",
    "Summary",
    "Modified",
    "Image",
    "Id",
    "title",
    "DATE",
    "Titel",
    "Statut",
    "Auteur",
    "Catégorie",
    "Template",
    "Content",
    "Lang",
    "Save_as",
    "Url",
    "Header_lines",
    "Reading",
    "_content",
    "Couleur",
]
GOOD_VALUES = {
    "Title": st.sampled_from(["Un titre", "Été : bilan", '<b>&"x"</b>', "🙂"]),
    "Date": st.sampled_from(
        ["2025-06-04", "2025-06-04 13:10", "2099-01-01", "02/03/2025", "", "2025-02-30"]
    ),
    "Author": st.sampled_from(["ana", "ana, bob", "anna", "", "Ana Duval"]),
    "Category": st.sampled_from(["Tribune", "Actualité", "Billet", "", "🙂"]),
    "Status": st.sampled_from(["published", "draft", "hidden", "brouillon", "skip"]),
    "Slug": st.sampled_from(["bon", "../x", "a/b", "", "Mon Slug", "index"]),
    "Aliases": st.sampled_from(["/2024/x/", "../../etc", "/", "http://x", "a, b"]),
    "Hashtags": st.sampled_from(["#TOUSCYBERVIGILANTS", "#2025", "# A", "x y", ""]),
    "Image": st.sampled_from(["/images/absente.png", "images/x.png", "https://x/y"]),
}
# Any character, control characters and the odd ones feeds choke on included.
ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("\x00\x08\x0b\x0c\x1b\x7f\ufffe\uffff\u2028:#<>&\"'\t\r"),
    ),
    max_size=40,
)
HUGE = st.integers(min_value=1_000, max_value=20_000).map(lambda n: "x" * n)


@st.composite
def header_line(draw) -> str:
    """One header line: a key and a value, or a line with no colon at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(ANY_TEXT).replace(":", "")
    key = draw(st.one_of(st.sampled_from(KEYS), ANY_TEXT.filter(bool)))
    canonical = key.capitalize() if key.capitalize() in GOOD_VALUES else key
    value = draw(
        st.one_of(
            GOOD_VALUES.get(canonical, ANY_TEXT),
            ANY_TEXT,
            HUGE,
        )
    )
    return f"{key}: {value}"


@st.composite
def post_text(draw) -> str:
    """A whole post: a mostly plausible header, sometimes YAML, then a body."""
    lines = draw(st.lists(header_line(), max_size=8))
    if draw(st.booleans()):
        lines = ["Title: Un titre", "Date: 2025-06-04", "Author: ana", *lines]
    body = draw(
        st.one_of(
            ANY_TEXT,
            st.sampled_from(
                [
                    "Texte #TOUSCYBERVIGILANTS.",
                    "<script>alert(1)</script>",
                    "![x](/images/absente.png)",
                    "[^1]\n\n[^1]: note",
                ]
            ),
        )
    )
    if draw(st.integers(0, 4)) == 0:
        return "---\n" + "\n".join(lines) + "\n---\n" + body
    return "\n".join(lines) + "\n\n" + body


@st.composite
def plausible_post(draw) -> str:
    """A post with a valid header around hostile text: it should build."""
    title = draw(ANY_TEXT.filter(lambda text: any(c.isalnum() for c in text)))
    title = " ".join(title.replace(":", " ").split()) or "Titre"
    body = draw(st.one_of(ANY_TEXT, HUGE))
    status = draw(st.sampled_from(["", "Status: draft\n", "Status: hidden\n"]))
    date = draw(st.sampled_from(["2025-06-04", "2099-01-01 08:00"]))
    return (
        f"Title: {title}\nDate: {date}\nAuthor: ana\n{status}"
        f"Hashtags: #TOUSCYBERVIGILANTS\n\n{body}\n"
    )
