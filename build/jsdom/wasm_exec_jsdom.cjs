// Go's wasm_exec_node.js with a jsdom window in front (stack-notes section 3).
"use strict";

const { JSDOM } = require("jsdom");
const w = new JSDOM('<!doctype html><html><head></head><body><div></div></body></html>',
  { url: "http://localhost/", pretendToBeVisual: true }).window;
for (const k of Object.getOwnPropertyNames(w)) { if (k in globalThis) continue; try { globalThis[k] = w[k]; } catch {} }
for (const k of ["navigator", "location", "history", "localStorage", "document"])
  Object.defineProperty(globalThis, k, { value: w[k], configurable: true, writable: true });
// Node's own Event classes make dispatchEvent throw "parameter 1 is not of type 'Event'"
for (const k of ["Event", "CustomEvent", "KeyboardEvent", "MouseEvent", "InputEvent", "FocusEvent", "SubmitEvent"])
  if (w[k]) globalThis[k] = w[k];
globalThis.window = globalThis;
globalThis.addEventListener = w.addEventListener.bind(w); globalThis.removeEventListener = w.removeEventListener.bind(w);
globalThis.matchMedia ??= () => ({ matches: false, addEventListener() {}, removeEventListener() {} });
globalThis.scrollTo ??= () => {};

if (process.argv.length < 3) {
  console.error("usage: go_js_wasm_exec_jsdom [wasm binary] [arguments]");
  process.exit(1);
}

globalThis.require = require;
globalThis.fs = require("fs");
globalThis.path = require("path");
globalThis.TextEncoder = require("util").TextEncoder;
globalThis.TextDecoder = require("util").TextDecoder;
globalThis.performance = require("perf_hooks").performance;
globalThis.crypto ??= require("crypto").webcrypto;

require(require("path").join(process.env.GONGJI_GO_WASM_DIR, "wasm_exec.js"));

const go = new Go();
go.argv = process.argv.slice(2);
go.env = Object.assign({ TMPDIR: require("os").tmpdir() }, process.env);
go.exit = process.exit;
WebAssembly.instantiate(fs.readFileSync(process.argv[2]), go.importObject).then((result) => {
  process.on("exit", (code) => { // Node.js exits if no event handler is pending
    if (code === 0 && !go.exited) {
      go._pendingEvent = { id: 0 };
      go._resume();
    }
  });
  return go.run(result.instance);
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
