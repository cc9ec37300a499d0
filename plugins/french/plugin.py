"""Signal glue: French date and count filters for every template."""

from pelican import signals

from .dates import FILTERS


def add_filters(generator):
    """Make the French filters available to the generator's templates."""
    generator.env.filters.update(FILTERS)


def register():
    """Connect the plugin to Pelican."""
    signals.generator_init.connect(add_filters)
