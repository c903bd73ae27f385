# SPDX-License-Identifier: Apache-2.0
# The two commands of the README: `make run` and `make test`. Each does all set-up on a fresh
# Debian 12 machine (apt and npm), so nothing needs to be installed by hand.
.PHONY: run test build web deps bench bench-micro clean

# Optional: make run LISTEN=127.0.0.1:9000 DB=postgresql://…  (otherwise SHOPCRM_* or the defaults)
LISTEN ?=
DB ?=
# make run DEMO=1: first loads the demo store (docs/demo.md) when the database is still empty.
DEMO ?=

run: deps web build
ifneq ($(DEMO),)
	./build/release/src/app/shopcrm demo --if-empty $(if $(DB),--db "$(DB)")
else
	@[ -n "$(DB)" ] || [ -n "$$SHOPCRM_DB" ] || [ -e data/shopcrm.db ] || echo "shopcrm: first start with an empty database; \`make run DEMO=1\` loads a demo store (50k customers, 3 years of orders) before serving"
endif
	./build/release/src/app/shopcrm serve $(if $(DB),--db "$(DB)") $(if $(LISTEN),--listen "$(LISTEN)")

test: deps
	scripts/run-tests

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release

web: deps
	scripts/build-web

deps:
	@scripts/install-deps

bench: deps web build bench-micro
	bench/http/healthz_vs_nginx.sh build/release/src/app/shopcrm

bench-micro: deps
	cmake --preset bench >/dev/null
	cmake --build --preset bench --target micro_bench
	build/bench/bench/micro_bench

clean:
	rm -rf build web/dist
