// Gongji on Cloudflare Workers: this module routes each request to one Durable Object per
// family and defines the object in JS (syumai/workers v0.33.0 cannot define one in Go). Each
// object keeps one Go instance alive and hands it the object's SQLite storage.
//
// Routing: /api/v1/families/{id}/... goes to the object named {id}. Creating a family picks a
// new id here and passes it to Go in X-Gongji-New-Family, so the family lives in the object
// its id names. Invitation codes are global, so a "directory" object keeps the SHA-256 of
// each live code with its family: written when an invite is created, read by /api/v1/join.
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

const familyPath = /^\/api\/v1\/families\/([A-Za-z0-9_-]{1,64})(\/|$)/;
const invitePath = /^\/api\/v1\/families\/([A-Za-z0-9_-]{1,64})\/invites$/;

function objectFor(env, name) {
  return env.FAMILY.get(env.FAMILY.idFromName(name));
}

function jsonError(status, code, message) {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

// codeHash is the store's hash of an invitation code: SHA-256 hex of the code in capitals
// without dashes or spaces (server/api normalizeCode, HashToken).
async function codeHash(code) {
  const normal = String(code).toUpperCase().replace(/[- ]/g, "");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(normal));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function newFamilyID() {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return "f" + [...bytes].map((b) => alphabet[b % 32]).join("");
}

async function createFamily(request, env) {
  const id = newFamilyID();
  const headers = new Headers(request.headers);
  headers.set("X-Gongji-New-Family", id);
  return objectFor(env, id).fetch(new Request(request, { headers }));
}

async function createInvite(request, env, family) {
  const response = await objectFor(env, family).fetch(request);
  if (response.status !== 201) return response;
  const body = await response.clone().json();
  const hash = await codeHash(body.code);
  await objectFor(env, "directory").fetch("https://directory/put", {
    method: "POST",
    body: JSON.stringify({ hash, family, expires: body.expires_at }),
  });
  return response;
}

async function join(request, env) {
  let body;
  try {
    body = await request.clone().json();
  } catch {
    return jsonError(400, "bad_request", "body: not JSON");
  }
  if (typeof body.code !== "string" || body.code.length === 0 || body.code.length > 40) {
    return objectFor(env, "directory").fetch(request); // Go answers the field error
  }
  const hash = await codeHash(body.code);
  const found = await objectFor(env, "directory").fetch("https://directory/get?hash=" + hash);
  if (found.status !== 200) return jsonError(404, "invite_not_found", "unknown, used or expired invitation code");
  const { family } = await found.json();
  const response = await objectFor(env, family).fetch(request);
  if (response.status === 201) {
    await objectFor(env, "directory").fetch("https://directory/delete?hash=" + hash, { method: "POST" });
  }
  return response;
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/api/v1/families") return createFamily(request, env);
    if (request.method === "POST" && url.pathname === "/api/v1/join") return join(request, env);
    const invite = url.pathname.match(invitePath);
    if (request.method === "POST" && invite) return createInvite(request, env, invite[1]);
    const m = url.pathname.match(familyPath);
    return objectFor(env, m ? m[1] : "directory").fetch(request);
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

  // directory answers the invitation-code lookups of the "directory" object, in JS.
  directory(url, request) {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS codes (hash TEXT PRIMARY KEY, family TEXT NOT NULL, expires TEXT NOT NULL)");
    const hash = url.searchParams.get("hash");
    if (url.pathname === "/put") {
      return request.json().then((b) => {
        sql.exec("INSERT OR REPLACE INTO codes (hash, family, expires) VALUES (?, ?, ?)", b.hash, b.family, b.expires);
        return new Response(null, { status: 204 });
      });
    }
    if (url.pathname === "/delete") {
      sql.exec("DELETE FROM codes WHERE hash = ?", hash);
      return new Response(null, { status: 204 });
    }
    const rows = sql.exec("SELECT family, expires FROM codes WHERE hash = ?", hash).toArray();
    if (rows.length === 0 || new Date(rows[0].expires) <= new Date()) return new Response(null, { status: 404 });
    return Response.json({ family: rows[0].family });
  }

  async fetch(request) {
    const url = new URL(request.url);
    if (url.hostname === "directory") return this.directory(url, request);
    return (await this.#go()).handleRequest(request);
  }
}
