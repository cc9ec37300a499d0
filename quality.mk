# Quality gates of the built site (tools/quality), included by the Makefile.
# Uses BIN, VENV, OUTPUTDIR and PORT from it; set the variables below before
# the `include` to change them (QUALITY_BUILD is read when the rule is parsed).

# The pages the browser gate opens (axe, 320 px reflow, CSP); linkchecker and
# the Nu HTML Checker cover every page of $(OUTPUTDIR) anyway.
QUALITY_PAGES ?= / /404.html
# What builds $(OUTPUTDIR) before the check; empty to check it as it is.
QUALITY_BUILD ?= html
# Serve on the port SITEURL names, so absolute feed links are checked too.
QUALITY_PORT ?= $(or $(PORT),0)
# A Content-Security-Policy header to serve with every page, when the
# publishing setup defines one (a <meta> policy in the pages is checked anyway).
QUALITY_CSP ?=
SCREENSHOTDIR ?= output-screenshots
# Lighthouse pages: the home page and the next listed page (make it a post).
BENCH_PAGES ?= $(wordlist 1,2,$(QUALITY_PAGES))

QUALITY_OPTS = --root $(OUTPUTDIR) --port $(QUALITY_PORT) \
	$(if $(QUALITY_CSP),--csp "$(QUALITY_CSP)")

.PHONY: quality-setup check-site screenshots bench-site

quality-setup: ## Install Chromium, Java, the pinned npm packages (if missing)
	@bash tools/quality/setup.sh

check-site: $(VENV)/.installed quality-setup $(QUALITY_BUILD) ## Check the built site: axe, HTML, links, CSP, 320 px
	$(BIN)/python -m tools.quality.gate $(QUALITY_OPTS) --pages $(QUALITY_PAGES)

screenshots: $(VENV)/.installed quality-setup $(QUALITY_BUILD) ## PNGs of QUALITY_PAGES at 375 and 1280 px
	rm -rf $(SCREENSHOTDIR)
	$(BIN)/python -m tools.quality.gate $(QUALITY_OPTS) --pages $(QUALITY_PAGES) \
		--screenshots $(SCREENSHOTDIR)

bench-site: $(VENV)/.installed quality-setup $(QUALITY_BUILD) ## Lighthouse scores of BENCH_PAGES
	$(BIN)/python -m tools.quality.bench --root $(OUTPUTDIR) --port $(QUALITY_PORT) \
		--pages $(BENCH_PAGES)
