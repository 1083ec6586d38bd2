// Gongji on Cloudflare Workers: this module routes each request to one Durable Object per
// family and defines the objects in JS (syumai/workers v0.33.0 cannot define one in Go). Each
// family object keeps one Go instance alive and hands it the object's SQLite storage.
//
// One router (paths.mjs, the rule and routes of server/api): a path that is not canonical, or
// no endpoint, is 404 here before any object is touched. Before a family object is reached:
// - its id is one the directory knows (an unknown id never creates an object);
// - the token is there and names that family (as server/api inFamily answers: 401, 404);
// - the body is read only up to 1 MiB (sync.MaxBodyBytes), else 413.
// Creating a family and joining pass the limits of `gongji serve` (server/API.md, Limits):
// closed signup with the admin token or a signup code, families and joins per hour per
// address (and joins per code), counted by LimiterDO objects that outlive any one isolate.
// The directory (DirectoryDO) keeps the families, the live invitation codes and the signup
// codes; it is reached only by RPC from this module, never by a URL.
import "./build/wasm_exec.js";
import mod from "./build/app.wasm";
import { DurableObject } from "cloudflare:workers";
import { MAX_BODY_BYTES, MAX_ID_BYTES, clientAddress, rawPath, route } from "./paths.mjs";

// txSync runs fn inside the object's synchronous SQLite transaction: a Go callback that
// returns {error} rolls everything back.
globalThis.txSync = (storage, fn) =>
  storage.transactionSync(() => {
    const r = fn();
    if (r && r.error) throw new Error(r.error);
    return r;
  });

// NEW_FAMILY_HEADER carries the id this module chose for a new family to its object's Go
// (server/cmd/worker); it is removed from every request a client sends.
const NEW_FAMILY_HEADER = "X-Gongji-New-Family";

// Invitation and signup code lifetimes (server/api families.go).
const DEFAULT_CODE_TTL_MINUTES = 24 * 60;
const MAX_CODE_TTL_MINUTES = 7 * 24 * 60;
const MAX_CODE_CHARS = 40;
const MAX_DEVICE_NAME = 64;

// jsonAnswer is an answer of JSON with the headers of every API answer (server/api
// jsonHeaders, secureHeaders).
function jsonAnswer(status, value, headers = {}) {
  return new Response(JSON.stringify(value) + "\n", {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
      ...headers,
    },
  });
}

function jsonError(status, code, field, message, headers = {}) {
  const error = field ? { code, field, message } : { code, message };
  return jsonAnswer(status, { error }, headers);
}

const noEndpoint = (method, path) => jsonError(404, "not_found", "", `no endpoint ${method} ${JSON.stringify(path.slice(0, 100))}`);
const tooLarge = () => jsonError(413, "too_large", "body", `body over ${MAX_BODY_BYTES} bytes`);
const badBody = (message) => jsonError(400, "bad_request", "body", message);

async function sha256Hex(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// codeHash is the store's hash of an invitation or signup code: SHA-256 hex of the code in
// capitals without dashes or spaces (server/api normalizeCode, HashToken).
const codeHash = (code) => sha256Hex(String(code).toUpperCase().replace(/[- ]/g, ""));

function newFamilyID() {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return "f" + [...bytes].map((b) => alphabet[b % 32]).join("");
}

// newCode is a signup code like server/api newCode: XXXX-XXXX-XXXX without 0/O, 1/I/L.
function newCode() {
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((b, i) => (i > 0 && i % 4 === 0 ? "-" : "") + alphabet[b % alphabet.length]).join("");
}

// MAX_DRAIN_BYTES is how much of a body is read and thrown away after MAX_BODY_BYTES before
// the answer: answering while an upload is still coming makes wrangler dev's proxy fail or hang
// the next request (on the same connection, or the next one at all), so a small overflow is
// drained. A body declared larger than both is refused before a byte is read, and a stream
// that passes both is cut.
const MAX_DRAIN_BYTES = 4 << 20;

// readBody reads at most MAX_BODY_BYTES of the request and keeps nothing past them (413); see
// MAX_DRAIN_BYTES for what is read and thrown away. It returns the bytes, or a Response to
// answer.
async function readBody(request) {
  if (request.body === null) return new Uint8Array(0);
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  if (declared > MAX_BODY_BYTES + MAX_DRAIN_BYTES) {
    request.body.cancel().catch(() => {});
    return tooLarge();
  }
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    let next;
    try {
      next = await reader.read();
    } catch (err) {
      return badBody(`body: ${err}`);
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > MAX_BODY_BYTES + MAX_DRAIN_BYTES) {
      reader.cancel().catch(() => {});
      return tooLarge();
    }
    if (size <= MAX_BODY_BYTES) chunks.push(next.value);
  }
  if (size > MAX_BODY_BYTES) return tooLarge();
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

// parseJSON reads a body as a JSON object for the fields this module looks at; Go's strict
// reader checks the whole body again inside the object.
function parseJSON(body) {
  try {
    const v = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

// textError is server/api checkText's answer for a string field, or null when it passes.
function textError(field, value, maxChars) {
  if (typeof value !== "string" || value === "") return jsonError(400, "bad_request", field, "missing");
  const n = [...value].length;
  if (n > maxChars) return jsonError(400, "bad_request", field, `${n} characters, at most ${maxChars}`);
  return null;
}

// forward is the request as an object sees it: the canonical URL, the client's headers less
// the one only this module sets, and the body already read.
function forward(request, body, extraHeaders = {}) {
  const headers = new Headers(request.headers);
  headers.delete(NEW_FAMILY_HEADER);
  for (const [k, v] of Object.entries(extraHeaders)) headers.set(k, v);
  // a GET (pull, events) keeps the client's request, and with it the end of an event stream
  // when the client goes away
  if (request.method === "GET") return new Request(request, { headers });
  const init = { method: request.method, headers };
  if (body && body.byteLength > 0) init.body = body;
  return new Request(request.url, init);
}

// Limits are `gongji serve`'s flags as the worker's variables (server/API.md, Limits).
function limitsOf(env) {
  const perHour = (name, fallback) => {
    const n = Number.parseInt(env[name] ?? "", 10);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  const admin = String(env.GONGJI_ADMIN_TOKEN ?? "");
  return {
    familiesPerHour: perHour("GONGJI_FAMILIES_PER_HOUR", 5),
    joinsPerHour: perHour("GONGJI_JOINS_PER_HOUR", 10),
    closedSignup: String(env.GONGJI_OPEN_SIGNUP ?? "true") === "false",
    // like gongji serve, an admin token under 16 characters is no admin token at all
    adminToken: admin.length >= 16 ? admin : "",
    // a deployment from before the directory listed families sets it while its families'
    // devices come back (server/API.md, Limits): see adopt
    adoptLegacy: env.GONGJI_ADOPT_LEGACY === "1",
    debug: env.GONGJI_DEBUG_ROUTES === "1",
  };
}

function bearer(request, url, name) {
  const h = request.headers.get("Authorization") ?? "";
  if (h.startsWith("Bearer ")) return h.slice(7).trim();
  if (name === "events") return url.searchParams.get("token") ?? "";
  return "";
}

// isAdmin compares the hashes of the tokens, so the comparison takes the same time whatever
// the token sent (server/api isAdmin).
async function isAdmin(request, limits) {
  const token = bearer(request, null, "");
  if (limits.adminToken === "" || token === "") return false;
  const [a, b] = await Promise.all([sha256Hex(token), sha256Hex(limits.adminToken)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// take is one attempt against a per-hour limit of key: null when allowed, else the 429.
async function take(env, key, perHour, message) {
  if (perHour <= 0) return null;
  const limiter = env.LIMITER.get(env.LIMITER.idFromName(key));
  const { ok, retryMs } = await limiter.take(perHour, 3_600_000 / perHour, Date.now());
  if (ok) return null;
  const secs = Math.max(1, Math.ceil(retryMs / 1000));
  return jsonError(429, "rate_limited", "", message, { "Retry-After": String(secs) });
}

const directoryOf = (env) => env.DIRECTORY.get(env.DIRECTORY.idFromName("directory"));
const familyObject = (env, id) => env.FAMILY.get(env.FAMILY.idFromName(id));

// knownFamilies caches the directory's yes for this isolate: families are never deleted, so a
// yes stays true; a no is asked again. Bounded: cleared when full.
const knownFamilies = new Set();
const MAX_KNOWN_FAMILIES = 10_000;

async function familyExists(env, id) {
  if (id.length > MAX_ID_BYTES) return false;
  if (knownFamilies.has(id)) return true;
  if (!(await directoryOf(env).hasFamily(id))) return false;
  if (knownFamilies.size >= MAX_KNOWN_FAMILIES) knownFamilies.clear();
  knownFamilies.add(id);
  return true;
}

// adopt lists in the directory a family made before the directory listed families (wrangler.toml
// migration v2), when its object holds it; an object that holds no such family is deleted
// again. Only with GONGJI_ADOPT_LEGACY=1, and only for a token that names the family: it is
// the one path by which an unlisted id reaches an object.
async function adopt(env, id) {
  if (id.length > MAX_ID_BYTES) return false;
  const object = familyObject(env, id);
  if ((await object.familyID()) !== id) {
    await object.discard();
    return false;
  }
  await directoryOf(env).addFamily(id, Date.now());
  knownFamilies.add(id);
  return true;
}

async function createFamily(request, env, limits) {
  const body = await readBody(request);
  if (body instanceof Response) return body;
  const req = parseJSON(body);
  if (req === null) return badBody("body: not a JSON object");
  // server/api createFamily's field checks, before any limit is counted or object touched
  const fieldError = textError("name", req.name, MAX_DEVICE_NAME) ?? textError("device", req.device, MAX_DEVICE_NAME);
  if (fieldError) return fieldError;
  const code = typeof req.signup_code === "string" ? req.signup_code : "";
  if (limits.closedSignup && !(await isAdmin(request, limits)) && !(code !== "" && (await directoryOf(env).useSignupCode(await codeHash(code), Date.now())))) {
    return jsonError(403, "signup_closed", code ? "signup_code" : "",
      "this server creates families only with a signup code from its administrator (unknown, used or expired code)");
  }
  const refused = await take(env, "families:" + clientAddress(request.headers.get("CF-Connecting-IP")), limits.familiesPerHour,
    "too many families created from this address; retry later");
  if (refused) return refused;
  const id = newFamilyID();
  const directory = directoryOf(env);
  await directory.addFamily(id, Date.now()); // first, so that a family answered 201 is always reachable
  const object = familyObject(env, id);
  const response = await object.fetch(forward(request, body, { [NEW_FAMILY_HEADER]: id }));
  if (response.status !== 201) {
    // Go refused the body: no family, so no object and no directory row stay behind.
    await object.discard();
    await directory.removeFamily(id);
  }
  return response;
}

async function join(request, env, limits) {
  const body = await readBody(request);
  if (body instanceof Response) return body;
  const req = parseJSON(body);
  if (req === null) return badBody("body: not a JSON object");
  const fieldError = textError("code", req.code, MAX_CODE_CHARS) ?? textError("device", req.device, MAX_DEVICE_NAME) ??
    (req.person !== undefined && req.person !== "" ? textError("person", req.person, MAX_ID_BYTES) : null);
  if (fieldError) return fieldError;
  const hash = await codeHash(req.code);
  const refused =
    (await take(env, "joins:" + clientAddress(request.headers.get("CF-Connecting-IP")), limits.joinsPerHour, "too many join attempts; retry later")) ??
    (await take(env, "code:" + hash, limits.joinsPerHour, "too many join attempts; retry later"));
  if (refused) return refused;
  const directory = directoryOf(env);
  const family = await directory.lookupCode(hash, Date.now());
  if (family === null) return jsonError(404, "invite_not_found", "code", "unknown, used or expired invitation code");
  const response = await familyObject(env, family).fetch(forward(request, body));
  if (response.status === 201) await directory.deleteCode(hash);
  return response;
}

async function signupCode(request, env, limits) {
  if (!(await isAdmin(request, limits))) {
    return jsonError(401, "unauthorized", "Authorization", "the administrator's token is required");
  }
  const body = await readBody(request);
  if (body instanceof Response) return body;
  let minutes = 0;
  if (body.byteLength > 0) {
    const req = parseJSON(body);
    if (req === null) return badBody("body: not a JSON object");
    minutes = req.ttl_minutes ?? 0;
  }
  if (!Number.isInteger(minutes)) return jsonError(400, "bad_request", "ttl_minutes", `${JSON.stringify(minutes)}: want 1 to ${MAX_CODE_TTL_MINUTES}`);
  if (minutes === 0) minutes = DEFAULT_CODE_TTL_MINUTES;
  if (minutes < 1 || minutes > MAX_CODE_TTL_MINUTES) {
    return jsonError(400, "bad_request", "ttl_minutes", `${minutes}: want 1 to ${MAX_CODE_TTL_MINUTES}`);
  }
  const code = newCode();
  const expires = Date.now() + minutes * 60_000;
  await directoryOf(env).addSignupCode(await codeHash(code), expires, Date.now());
  return jsonAnswer(201, { code, expires_at: new Date(expires).toISOString() });
}

// inFamily is a request to one family's object, after server/api inFamily's first checks
// (debug routes have no token, but their family must exist all the same).
async function inFamily(request, env, limits, url, r) {
  let named = false; // the token names this family
  if (!r.debug) {
    const token = bearer(request, url, r.name);
    if (token === "") return jsonError(401, "unauthorized", "Authorization", "missing bearer token");
    const dot = token.indexOf(".");
    if (dot > 0 && token.slice(0, dot) !== r.family) return jsonError(404, "not_found", "family", "no such family");
    named = dot > 0;
  }
  if (!(await familyExists(env, r.family)) && !(limits.adoptLegacy && named && (await adopt(env, r.family)))) {
    return r.debug ? jsonError(404, "not_found", "family", "no such family") : jsonError(401, "unauthorized", "Authorization", "unknown or revoked token");
  }
  if (r.name === "alarm") return jsonAnswer(200, { alarm: await familyObject(env, r.family).alarmAt() });
  if (r.name === "forget") {
    await directoryOf(env).removeFamily(r.family); // the test's way to make a family from before v2
    knownFamilies.delete(r.family);
    return new Response(null, { status: 204 });
  }
  const body = await readBody(request);
  if (body instanceof Response) return body;
  const response = await familyObject(env, r.family).fetch(forward(request, body));
  if (r.name === "invite" && response.status === 201) {
    const created = await response.clone().json();
    await directoryOf(env).putCode(await codeHash(created.code), r.family, Date.parse(created.expires_at), Date.now());
  }
  return response;
}

export default {
  async fetch(request, env) {
    const limits = limitsOf(env);
    const url = new URL(request.url);
    const raw = rawPath(request.url);
    const r = route(request.method, raw, limits.debug);
    if (r === null) return noEndpoint(request.method, raw); // also every non-canonical path
    switch (r.name) {
      case "health":
        return new Response("ok\n");
      case "create":
        return createFamily(request, env, limits);
      case "join":
        return join(request, env, limits);
      case "signup-code":
        return signupCode(request, env, limits);
      case "directory-counts":
        return jsonAnswer(200, await directoryOf(env).counts(Date.now()));
      default:
        return inFamily(request, env, limits, url, r);
    }
  },
};

// FamilyDO is one family: its Go instance (build/app.wasm) over the object's SQLite storage.
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

  // #scheduleRefunds makes the wallet refunds due now and sets the object's alarm to the next
  // one (W11: the first 06:00 UTC+8 after a transfer): the server's ticker of `gongji serve`,
  // here one alarm per family, so refunds happen with every phone offline. A push makes the
  // refunds due at its moment itself, before its mutations (server/api push.go).
  async #scheduleRefunds() {
    const next = await (await this.#go()).refundAlarm();
    if (next > 0) {
      const current = await this.ctx.storage.getAlarm();
      if (current === null || current > next) await this.ctx.storage.setAlarm(next);
    }
  }

  async alarm() {
    await this.#scheduleRefunds();
  }

  // familyID is the id of the family this object holds, "" for none (adopt).
  async familyID() {
    return await (await this.#go()).familyID();
  }

  // alarmAt is when the object's alarm is set (ms), or null: for the debug route /alarm.
  async alarmAt() {
    return await this.ctx.storage.getAlarm();
  }

  // discard deletes everything a refused family creation left in this object.
  async discard() {
    await this.ctx.storage.deleteAll();
  }

  async fetch(request) {
    const r = route(request.method, rawPath(request.url), true);
    const response = await (await this.#go()).handleRequest(request);
    if (r?.name === "push" && response.status === 200) await this.#scheduleRefunds();
    return response;
  }
}

// DirectoryDO is the one object every deployment shares ("directory"): which families exist,
// the hash of each live invitation code with its family, and the administrator's signup
// codes. Its methods are called by RPC from this module; it has no fetch, so no URL or Host
// header reaches it. Expired codes are deleted when codes are added and by an alarm at the
// next expiry.
export class DirectoryDO extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS families (id TEXT PRIMARY KEY, created INTEGER NOT NULL)`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS invite_codes (hash TEXT PRIMARY KEY, family TEXT NOT NULL, expires INTEGER NOT NULL)`);
    this.sql.exec(`CREATE INDEX IF NOT EXISTS invite_codes_expires ON invite_codes (expires)`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS signup_codes (hash TEXT PRIMARY KEY, expires INTEGER NOT NULL)`);
  }

  hasFamily(id) {
    return this.sql.exec("SELECT 1 FROM families WHERE id = ?", id).toArray().length > 0;
  }

  addFamily(id, now) {
    this.sql.exec("INSERT OR IGNORE INTO families (id, created) VALUES (?, ?)", id, now);
  }

  removeFamily(id) {
    this.sql.exec("DELETE FROM families WHERE id = ?", id);
  }

  async putCode(hash, family, expires, now) {
    if (!Number.isFinite(expires)) throw new Error(`directory: invitation of ${family}: expiry not a time`);
    this.sql.exec("INSERT OR REPLACE INTO invite_codes (hash, family, expires) VALUES (?, ?, ?)", hash, family, expires);
    await this.#sweep(now);
  }

  lookupCode(hash, now) {
    const rows = this.sql.exec("SELECT family, expires FROM invite_codes WHERE hash = ?", hash).toArray();
    if (rows.length === 0) return null;
    if (rows[0].expires <= now) {
      this.sql.exec("DELETE FROM invite_codes WHERE hash = ?", hash);
      return null;
    }
    return rows[0].family;
  }

  deleteCode(hash) {
    this.sql.exec("DELETE FROM invite_codes WHERE hash = ?", hash);
  }

  async addSignupCode(hash, expires, now) {
    this.sql.exec("INSERT OR REPLACE INTO signup_codes (hash, expires) VALUES (?, ?)", hash, expires);
    await this.#sweep(now);
  }

  // useSignupCode spends a signup code: true once for a live code, false ever after.
  useSignupCode(hash, now) {
    const rows = this.sql.exec("DELETE FROM signup_codes WHERE hash = ? RETURNING expires", hash).toArray();
    return rows.length === 1 && rows[0].expires > now;
  }

  counts(now) {
    const one = (q, ...args) => this.sql.exec(q, ...args).one().n;
    return {
      families: one("SELECT COUNT(*) AS n FROM families"),
      invite_codes: one("SELECT COUNT(*) AS n FROM invite_codes"),
      expired_invite_codes: one("SELECT COUNT(*) AS n FROM invite_codes WHERE expires <= ?", now),
      signup_codes: one("SELECT COUNT(*) AS n FROM signup_codes"),
    };
  }

  // #sweep deletes the expired codes and sets the alarm to the next expiry.
  async #sweep(now) {
    this.sql.exec("DELETE FROM invite_codes WHERE expires <= ?", now);
    this.sql.exec("DELETE FROM signup_codes WHERE expires <= ?", now);
    const next = this.sql.exec(
      "SELECT MIN(e) AS e FROM (SELECT MIN(expires) AS e FROM invite_codes UNION ALL SELECT MIN(expires) FROM signup_codes)").one().e;
    if (next === null) return;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > next) await this.ctx.storage.setAlarm(next);
  }

  async alarm() {
    await this.#sweep(Date.now());
  }
}

// LimiterDO counts one key's attempts ("families:<address>", "joins:<address>",
// "code:<hash>") as a token bucket, server/api Limiter: burst at once, then one per every ms.
// The bucket is in the object's storage, so an evicted object forgets nothing; once full again
// the object deletes its storage (an alarm), so a flood of addresses leaves nothing behind.
export class LimiterDO extends DurableObject {
  // #bucket is the stored bucket, or null; the table is made again after a deleteAll.
  #bucket() {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS bucket (k INTEGER PRIMARY KEY, tokens REAL NOT NULL, at INTEGER NOT NULL)");
    return sql.exec("SELECT tokens, at FROM bucket WHERE k = 0").toArray()[0] ?? null;
  }

  // take spends one token at now (ms), or says how long until one is there. The read and the
  // write are synchronous: no other call of this object runs between them.
  async take(burst, every, now) {
    if (!(burst > 0 && every > 0)) return { ok: true, retryMs: 0 };
    const row = this.#bucket() ?? { tokens: burst, at: now };
    let tokens = Math.min(burst, row.tokens + Math.max(0, now - row.at) / every);
    const ok = tokens >= 1;
    if (ok) tokens -= 1;
    this.ctx.storage.sql.exec("INSERT OR REPLACE INTO bucket (k, tokens, at) VALUES (0, ?, ?)", tokens, now);
    const full = now + Math.ceil((burst - tokens) * every);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current < full) await this.ctx.storage.setAlarm(full);
    return { ok, retryMs: ok ? 0 : Math.ceil((1 - tokens) * every) };
  }

  // alarm runs when the bucket is full again (take moves it later with every attempt): a full
  // bucket is what no row means, so the object deletes everything.
  async alarm() {
    await this.ctx.storage.deleteAll();
  }
}
