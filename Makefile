# Bantin: the two commands of the README, plus helpers.
#   make site   installs what is missing, builds bantin and the example site into public/
#   make test   installs what is missing and runs every test

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null && echo sudo)

.PHONY: site test deps build theme clean

site: deps
	$(SWIFT) build -c release --product bantin
	.build/release/bantin build --source .

test: deps
	$(SWIFT) test

build: deps
	$(SWIFT) build

# cmark-gfm and its GFM extensions, from Debian/Ubuntu, when they are not there yet.
deps:
	@if [ -f /usr/include/cmark-gfm.h ] && [ -f /usr/include/cmark-gfm-core-extensions.h ]; then :; else \
		echo "Installing libcmark-gfm-dev and libcmark-gfm-extensions-dev"; \
		$(SUDO) apt-get update -qq -o DPkg::Lock::Timeout=300 && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq -o DPkg::Lock::Timeout=300 libcmark-gfm-dev libcmark-gfm-extensions-dev; \
	fi

# Rebuild the built-in theme from layouts/ and static/ after editing them.
theme:
	scripts/embed-theme

clean:
	rm -rf .build public
