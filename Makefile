# Gongji: `make run` builds and starts everything; `make test` is everything CI runs.
GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
VERSION   ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo dev)
OUT       := build/out

.PHONY: run build test test-go test-wasm bench fuzz clean

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
