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
# PRECOMPRESS=1 writes a .gz copy beside each text file.
export VIGIE_PRECOMPRESS := $(PRECOMPRESS)
PELICANOPTS ?=
# STRICT=1 makes warnings fail the build, like errors.
export VIGIE_STRICT := $(STRICT)
# Plain log lines keep `path:line: message` whole. No `--fatal errors`: the
# validation plugin fails the build itself, after listing every problem.
PELICANFLAGS := --log-handler plain

.DEFAULT_GOAL := help
.PHONY: help html test lint test-tools serve devserver clean publish deploy-rsync deploy-git check article

# The pages the browser gate opens: one of each kind (quality.mk).
QUALITY_PAGES := / /2025/hameconnage-cinq-reflexes-equipes-de-nuit/ \
	/campagnes/ /campagnes/touscybervigilants/ /auteurs/ /auteurs/claire-fontaine/ \
	/rubriques/tribune/ /archives/ /abonnement/ /recherche/ /a-propos/ /404.html
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

# make publish SITEURL=https://… sets the public address (else publishconf.py's).
publish: export VIGIE_PUBLIC_SITEURL := $(if $(filter command line,$(origin SITEURL)),$(SITEURL),$(VIGIE_PUBLIC_SITEURL))
publish: export VIGIE_DRAFTS :=
publish: $(VENV)/.installed ## Build for the public site (publishconf.py)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) $(PELICANFLAGS) $(PELICANOPTS)

# Both deploy targets refuse output/ unless `make publish` built it and finished.
DEPLOY := $(BIN)/python tools/deploy.py
REMOTE ?= origin
BRANCH ?= gh-pages

deploy-rsync: $(VENV)/.installed ## Send output/ with rsync: DEST=user@host:/path
	$(DEPLOY) check $(OUTPUTDIR)
	tools/install-program.sh rsync
	$(DEPLOY) rsync $(OUTPUTDIR) "$(DEST)"

deploy-git: $(VENV)/.installed ## Push output/ to a branch: REMOTE=origin BRANCH=gh-pages
	$(DEPLOY) git $(OUTPUTDIR) "$(REMOTE)" --branch "$(BRANCH)"

serve: $(VENV)/.installed ## Serve output/ on http://127.0.0.1:8000
	$(PELICAN) --listen -b $(HOST) -p $(PORT) -o $(OUTPUTDIR) -s $(CONFFILE)

devserver: $(VENV)/.installed ## Rebuild on every save and serve
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --listen --autoreload -b $(HOST) -p $(PORT) --log-handler plain $(PELICANOPTS)

check: $(VENV)/.installed ## Check all content without writing anything
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANFLAGS) -e VALIDATION_CHECK_ONLY=true $(PELICANOPTS)

article: $(VENV)/.installed ## Start a post (asks, or TITLE=… AUTHOR=… [CATEGORY=…])
	$(BIN)/python -m tools.new_article --content $(INPUTDIR)

lint: $(VENV)/.installed ## Lint and format check with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-tools: quality-setup ## Install the programs the tests drive (newsboat, Chromium, Java, npm)
	@bash tools/install-program.sh newsboat

test: $(VENV)/.installed lint test-tools ## Lint, run every test, then check the built site
	$(BIN)/pytest
	$(MAKE) check-site

clean: ## Remove output/ and caches
	rm -rf $(OUTPUTDIR) cache .pytest_cache
	rm -f .$(notdir $(OUTPUTDIR))-build.json
