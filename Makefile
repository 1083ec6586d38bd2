# Gongji: `make run` builds and starts everything; `make test` is everything CI runs.
GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
VERSION   ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo dev)
OUT       := build/out

.PHONY: run build test test-go test-wasm bench fuzz clean worker worker-dev test-worker

## build: the server binary (build/out/gongji)
build:
	$(GO) build -trimpath -ldflags "-X main.version=$(VERSION)" -o $(OUT)/gongji ./server/cmd/gongji

## run: build, then serve on 127.0.0.1:8080 with the embedded database under ./data
run: build
	./$(OUT)/gongji serve

## test: vet, unit, scenario, fuzz-seed and API tests natively, and shared/ again as wasm under Node
test: test-go test-wasm

test-go:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec "$(WASM_EXEC)" ./shared/...

## bench: decision benchmarks (bind, settle, ...)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./shared/...

## fuzz: run each fuzz target for a while (FUZZTIME=30s by default)
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzSplit$$' -fuzztime $(FUZZTIME) ./shared/engine
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./shared/scenario
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./shared/money

clean:
	rm -rf $(OUT)

## worker: the sync API as a Cloudflare Worker (build/worker): Go wasm, wasm_exec.js, wrangler
WORKER := build/worker
worker:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $(WORKER)/build/app.wasm ./server/cmd/worker
	$(GO) tool workers-assets-gen -mode=go -o $(OUT)/workers-assets
	cp $(OUT)/workers-assets/wasm_exec.js $(WORKER)/build/wasm_exec.js
	cd $(WORKER) && npm ci --no-audit --no-fund

## worker-dev: run the worker locally with wrangler dev on 127.0.0.1:8787, fresh state
worker-dev: worker
	cd $(WORKER) && WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false \
		npx wrangler dev --local --ip 127.0.0.1 --port 8787 --persist-to "$$(mktemp -d)"

## test-worker: the worker under wrangler dev (fresh --persist-to per test run)
test-worker: worker
	GONGJI_WORKER_TEST=1 $(GO) test -count=1 ./server/cmd/worker/
