# The README names `make run` and `make test`; the rest are helpers.
PY := .venv/bin/python
STAMP := .venv/.installed-$(shell cat requirements/*.txt | sha1sum | cut -c1-12)

.PHONY: run test system venv worker beat lint fmt messages demo benchmark clean pictures audit

run: $(STAMP)  ## The product on the embedded default (SQLite, in-process Celery, demo data) at http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: system $(STAMP)  ## The whole suite against PostgreSQL and Redis, with the linters
	scripts/test.sh

system:  ## System packages, PostgreSQL and Redis (needs root or sudo the first time)
	scripts/system-setup.sh

venv: $(STAMP)

$(STAMP): requirements/base.txt requirements/dev.txt
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements/dev.txt
	rm -f .venv/.installed-*
	touch $(STAMP)

worker: $(STAMP)  ## A Celery worker (needs REDIS_URL and DATABASE_URL)
	.venv/bin/celery -A config worker -l info --concurrency 2

beat: $(STAMP)  ## Celery beat (periodic sweeper)
	.venv/bin/celery -A config beat -l info

lint: $(STAMP)
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/djlint templates --lint

fmt: $(STAMP)
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

messages: $(STAMP)  ## Regenerate and compile the English translation
	$(PY) manage.py makemessages -l en --ignore .venv --ignore var && $(PY) manage.py compilemessages -l en --ignore .venv

pictures: $(STAMP)  ## Refresh the documents' reference pictures after a deliberate change (needs DATABASE_URL)
	PICTURES_REFRESH=1 .venv/bin/pytest tests/reports/test_pictures.py -q -p no:cacheprovider
audit: $(STAMP)  ## Known vulnerabilities in the pinned packages (needs PyPI's advisory data over the network)
	.venv/bin/pip-audit -r requirements/base.txt -r requirements/dev.txt --strict --progress-spinner off

clean:
	rm -rf .venv var db.sqlite3
