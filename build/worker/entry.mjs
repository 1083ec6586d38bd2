// Gongji on Cloudflare Workers: this module routes each request to one Durable Object per
// family and defines the object in JS (syumai/workers v0.33.0 cannot define one in Go). Each
// object keeps one Go instance alive and hands it the object's SQLite storage.
import "./build/wasm_exec.js";
import mod from "./build/app.wasm";
import { DurableObject } from "cloudflare:workers";

// txSync runs fn inside the object's synchronous SQLite transaction: a Go callback that
// returns {error} rolls everything back.
globalThis.txSync = (storage, fn) =>
  storage.transactionSync(() => {
    const r = fn();
    if (r && r.error) throw new Error(r.error);
    return r;
  });

// familyOf picks the object: /api/v1/families/{id}/... goes to that family's object; requests
// without a family (creating one, joining with a code) go to the object the Go side names in
// the X-Gongji-Family header it expects, or to the "directory" object.
function familyOf(url) {
  const m = url.pathname.match(/^\/api\/v1\/families\/([A-Za-z0-9_-]{1,64})(\/|$)/);
  return m ? m[1] : "directory";
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const id = env.FAMILY.idFromName(familyOf(url));
    return env.FAMILY.get(id).fetch(request);
  },
};

export class FamilyDO extends DurableObject {
  async #go() {
    if (!this.binding || this.go.exited) {
      const go = new Go();
      this.go = go;
      let ready;
      const readyP = new Promise((r) => (ready = r));
      const inst = new WebAssembly.Instance(mod, { ...go.importObject, workers: { ready: () => ready() } });
      const binding = {};
      go.run(inst, { env: { ...this.env, STORAGE: this.ctx.storage }, ctx: this.ctx, binding });
      await readyP;
      this.binding = binding;
    }
    return this.binding;
  }

  async fetch(request) {
    return (await this.#go()).handleRequest(request);
  }
}
