# Build-time benchmark (tools/bench), included by the Makefile. Uses BIN and VENV.
# Not a test: `make bench` times, `make test` never does.

# Posts in the generated corpus, and runs per variant (alternating).
N ?= 1000
RUNS ?= 3
# Groups to run, comma-separated: ours,vanilla,hugo,rebuild (empty: all).
VARIANTS ?=
# Corpora, the anchors' venv (vanilla Pelican, Hugo) and scratch builds.
BENCH_CACHE ?= $(HOME)/.cache/vigie-bench

BENCH_OPTS = --posts $(N) --cache $(BENCH_CACHE)

.PHONY: bench bench-profile

bench: $(VENV)/.installed ## Time our build against vanilla Pelican and Hugo (N=1000 RUNS=3)
	$(BIN)/python -m tools.bench run $(BENCH_OPTS) --runs $(RUNS) \
		$(if $(VARIANTS),--only $(VARIANTS))

bench-profile: $(VENV)/.installed ## cProfile our cold build of N posts: top costs by owner
	$(BIN)/python -m tools.bench profile $(BENCH_OPTS)
