# Vigie: the association's site. `make html` builds, `make test` checks.
# Every target sets up .venv (pinned dependencies) on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
HOST ?= 127.0.0.1
PORT ?= 8000
# SITEURL: the address feeds and absolute links point to in a local build.
SITEURL ?= http://$(HOST):$(PORT)
export VIGIE_SITEURL := $(SITEURL)
# DRAFTS=1 builds drafts and scheduled posts under /brouillons/<slug>/.
export VIGIE_DRAFTS := $(DRAFTS)
PELICANOPTS ?=
# Plain log lines keep `path:line: message` whole; any error fails the build.
PELICANFLAGS := --log-handler plain --fatal errors

.DEFAULT_GOAL := help
.PHONY: help html test lint test-tools serve devserver clean publish

# The pages the browser gate opens: one of each kind (quality.mk).
QUALITY_PAGES := / /2025/hameconnage-cinq-reflexes-equipes-de-nuit/ \
	/campagnes/ /campagnes/touscybervigilants/ /auteurs/ /auteurs/claire-fontaine/ \
	/rubriques/tribune/ /archives/ /abonnement/ /a-propos/ /404.html
include quality.mk
include bench.mk

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

html: $(VENV)/.installed ## Build content/ into output/
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANFLAGS) $(PELICANOPTS)

publish: $(VENV)/.installed ## Build for the public site (publishconf.py)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANFLAGS) $(PELICANOPTS)

serve: $(VENV)/.installed ## Serve output/ on http://127.0.0.1:8000
	$(PELICAN) --listen -b $(HOST) -p $(PORT) -o $(OUTPUTDIR) -s $(CONFFILE)

devserver: $(VENV)/.installed ## Rebuild on every save and serve
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --listen --autoreload -b $(HOST) -p $(PORT) --log-handler plain $(PELICANOPTS)

lint: $(VENV)/.installed ## Lint and format check with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-tools: quality-setup ## Install the programs the tests drive (newsboat, Chromium, Java, npm)
	@bash tools/setup-newsboat.sh

test: $(VENV)/.installed lint test-tools ## Lint, run every test, then check the built site
	$(BIN)/pytest
	$(MAKE) check-site

clean: ## Remove output/ and caches
	rm -rf $(OUTPUTDIR) cache .pytest_cache
