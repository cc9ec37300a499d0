"""Quality gates of the built site: accessibility, HTML, links, CSP, layout."""
