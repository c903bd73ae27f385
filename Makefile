# SPDX-License-Identifier: Apache-2.0
# The two commands of the README: `make run` and `make test`. Each does all set-up on a fresh
# Debian 12 machine (apt and npm), so nothing needs to be installed by hand.
.PHONY: run test build web deps bench bench-micro clean

# Optional: make run LISTEN=127.0.0.1:9000 DB=postgresql://…  (otherwise SHOPCRM_* or the defaults)
LISTEN ?=
DB ?=

run: deps web build
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
