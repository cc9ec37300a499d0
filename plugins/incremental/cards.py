"""Each post's listing card rendered once per build, whatever the listings."""


class CardCache:
    """The `post_card` macro's output by post and heading level, for one build.

    A post appears on the home page, its category, author and campaign pages:
    the same card markup, rendered once. The macro is called from a module
    made with the site-wide context (SITEURL…), which is all a card reads
    besides its post.
    """

    def __init__(self, generator, template_name: str = "partials/post_card.html"):
        """Keep the generator's Jinja environment and context; render lazily."""
        self.generator = generator
        self.template_name = template_name
        self.module = None
        self.cards: dict[tuple[str, str], str] = {}

    def __call__(self, article, heading: str = "h2"):
        """The card of `article` with its title in a `heading` element."""
        key = (article.source_path, heading)
        if key not in self.cards:
            if self.module is None:
                template = self.generator.env.get_template(self.template_name)
                self.module = template.make_module(vars=self.generator.context)
            self.cards[key] = self.module.post_card(article, heading)
        return self.cards[key]
