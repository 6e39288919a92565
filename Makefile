# One command per habit; the same locally and in CI.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
SAMPLE ?= samples/tyreso-klu-2019-08-07-p60-utdrag.pdf

.PHONY: setup system-deps demo test lint eval bench fuzz golden schema docs clean

$(BIN)/sup-parse: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: system-deps $(BIN)/sup-parse  ## install OCR (Debian packages) and sup-parse with its dev tools in .venv

system-deps:  ## Tesseract OCR with its Swedish model, and pdftotext (poppler-utils), from Debian's packages: only what is missing
	@need=""; \
	if ! (command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx swe); then \
	  need="tesseract-ocr tesseract-ocr-swe"; fi; \
	if ! command -v pdftotext >/dev/null 2>&1; then need="$${need:+$$need }poppler-utils"; fi; \
	if [ -n "$$need" ]; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  echo "installing $$need (Debian packages)"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$need >/dev/null; \
	fi

demo: setup  ## parse the sample PDF and show it
	$(BIN)/sup-parse $(SAMPLE) | head -40
	$(BIN)/sup-parse show $(SAMPLE)

test: setup lint  ## lint, then the whole test suite (gold F1 guard included)
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check sup_parse tests tools samples
	$(BIN)/mypy

docs: setup  ## docs/rules.md and docs/extractors.md from the check rule and extractor registries
	$(BIN)/python -c "from sup_parse.check import rules_markdown; open('docs/rules.md', 'w', encoding='utf-8').write(rules_markdown())"
	$(BIN)/python -c "from sup_parse.extract.registry import extractors_markdown; open('docs/extractors.md', 'w', encoding='utf-8').write(extractors_markdown())"

eval: setup  ## field P/R/F1 against the hand-made gold set, generated layout variants (tools/variants), their text renderings and scanned variants (OCR), and real text from other authorities (tests/realtext)
	$(BIN)/python tools/eval.py --scans --variants 300 --seed 1 --text-variants --scan-variants 30
	$(BIN)/python tools/eval.py --gold tests/realtext --corpus tests/realtext

bench: setup  ## pages per second, relative to pdfplumber's extract_text
	$(BIN)/python tools/bench.py

fuzz: setup  ## 1,000 mutated PDFs, the adversarial classes, 10,000+ Hypothesis text cases, the growth table (tests/test_fuzz.py is its CI subset)
	$(BIN)/python tools/fuzz.py --mutants 1000 --hypothesis 1500

golden: setup  ## regenerate samples/expected/*.json (review the diff before committing)
	$(BIN)/python tools/golden.py

schema: setup  ## regenerate schemas/document.schema.json
	$(BIN)/sup-parse schema > schemas/document.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
