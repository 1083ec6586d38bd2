// The Workers entry's router: the same canonical paths and routes as server/api (canonical.go,
// api.go Handler), with no dependency on the Workers runtime so that Node can test it
// (paths.test.mjs, against server/api/testdata/canonical_paths.json).

// MAX_PATH_BYTES bounds an API path, as server/api MaxPathBytes.
export const MAX_PATH_BYTES = 512;

// MAX_BODY_BYTES is sync.MaxBodyBytes: no body over it is read, on any server.
export const MAX_BODY_BYTES = 1 << 20;

// MAX_ID_BYTES is the longest family or device id a route takes (mutation.MaxIDLen).
export const MAX_ID_BYTES = 64;

const unreserved = /^[A-Za-z0-9._~-]+$/;

// canonicalPath says whether raw, a path as sent (percent escapes kept, no query), is the one
// spelling of an API path: "/" then segments of unreserved characters, none empty, none "."
// or "..". Go's CanonicalPath is the same rule: what one router matches, the other does.
export function canonicalPath(raw) {
  if (typeof raw !== "string" || raw.length < 2 || raw.length > MAX_PATH_BYTES || raw[0] !== "/") return false;
  for (const seg of raw.slice(1).split("/")) {
    if (seg === "" || seg === "." || seg === ".." || !unreserved.test(seg)) return false;
  }
  return true;
}

// rawPath is the path of a request URL exactly as the runtime holds it: percent escapes are
// kept (URL.pathname keeps them too, but this does not depend on that), query and fragment cut.
export function rawPath(url) {
  const afterScheme = url.indexOf("://");
  const start = afterScheme < 0 ? 0 : url.indexOf("/", afterScheme + 3);
  if (start < 0) return "/";
  let end = url.length;
  for (const stop of ["?", "#"]) {
    const i = url.indexOf(stop, start);
    if (i >= 0 && i < end) end = i;
  }
  return url.slice(start, end);
}

// isAPIPath: a path meant for the API, as server/api isAPIPath (the Worker serves nothing else).
export function isAPIPath(raw) {
  return raw === "/api" || raw.startsWith("/api/");
}

// The routes of server/api Handler (plus the worker's health check and debug routes), by
// method and path pattern; {family} and {device} are one segment each.
const routes = [
  ["GET", "/healthz", "health"],
  ["POST", "/api/v1/families", "create"],
  ["POST", "/api/v1/join", "join"],
  ["POST", "/api/v1/signup-codes", "signup-code"],
  ["GET", "/api/v1/families/{family}", "family"],
  ["POST", "/api/v1/families/{family}/invites", "invite"],
  ["GET", "/api/v1/families/{family}/devices", "devices"],
  ["DELETE", "/api/v1/families/{family}/devices/{device}", "revoke"],
  ["POST", "/api/v1/families/{family}/push", "push"],
  ["GET", "/api/v1/families/{family}/pull", "pull"],
  ["GET", "/api/v1/families/{family}/events", "events"],
  // debug routes: answered only where GONGJI_DEBUG_ROUTES=1 (the tests' wrangler dev)
  ["GET", "/api/v1/families/{family}/memory", "memory", { debug: true }],
  ["POST", "/api/v1/families/{family}/probe", "probe", { debug: true }],
  ["POST", "/api/v1/families/{family}/clock", "clock", { debug: true }],
  ["GET", "/api/v1/families/{family}/alarm", "alarm", { debug: true }],
  ["POST", "/api/v1/families/{family}/forget", "forget", { debug: true }],
  ["GET", "/api/v1/debug/directory", "directory-counts", { debug: true }],
].map(([method, pattern, name, opts]) => ({ method, parts: pattern.split("/").slice(1), name, debug: !!opts?.debug }));

// route matches a canonical path: {name, family, device, debug}, or null for no endpoint (404).
// Debug routes match only when debug is true. A non-canonical path matches nothing.
export function route(method, raw, debug = false) {
  if (!canonicalPath(raw)) return null;
  const segs = raw.slice(1).split("/");
  for (const r of routes) {
    if (r.method !== method || r.parts.length !== segs.length || (r.debug && !debug)) continue;
    const found = { name: r.name, family: "", device: "", debug: r.debug };
    const ok = r.parts.every((part, i) => {
      if (part === "{family}" || part === "{device}") {
        found[part.slice(1, -1)] = segs[i];
        return true;
      }
      return part === segs[i];
    });
    if (ok) return found;
  }
  return null;
}

// clientAddress is who is asking, for the per-address limits (server/api clientAddr): the
// address Cloudflare sets in CF-Connecting-IP; an IPv6 address counts by its /64.
export function clientAddress(header) {
  const addr = String(header ?? "").trim();
  if (addr === "") return "unknown";
  if (!addr.includes(":")) return addr;
  const groups = expandIPv6(addr);
  return groups ? groups.slice(0, 4).join(":") + "::/64" : addr;
}

// expandIPv6 is the eight 16-bit groups of an IPv6 address, in lower-case hex without
// leading zeros, or null when it is not one.
function expandIPv6(addr) {
  const halves = addr.toLowerCase().split("::");
  if (halves.length > 2) return null;
  const side = (s) => (s === "" ? [] : s.split(":"));
  let head = side(halves[0]);
  let tail = halves.length === 2 ? side(halves[1]) : [];
  const last = (tail.length ? tail : head).at(-1) ?? "";
  if (last.includes(".")) {
    const v4 = last.split(".").map(Number);
    if (v4.length !== 4 || v4.some((n) => !(n >= 0 && n <= 255))) return null;
    const pair = [((v4[0] << 8) | v4[1]).toString(16), ((v4[2] << 8) | v4[3]).toString(16)];
    if (tail.length) tail = [...tail.slice(0, -1), ...pair];
    else head = [...head.slice(0, -1), ...pair];
  }
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16).toString(16));
}
