// The Workers router against the table gongji serve is tested with (server/api/testdata/
// canonical_paths.json): run by make test-worker with node --test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { canonicalPath, rawPath, route, clientAddress } from "./paths.mjs";

const table = JSON.parse(readFileSync(new URL("../../server/api/testdata/canonical_paths.json", import.meta.url)));

for (const row of table.rows) {
  test(`canonical path: ${row.name}`, () => {
    assert.equal(canonicalPath(row.path), row.canonical, row.path.slice(0, 80));
  });
}

test("rawPath keeps escapes and cuts the query", () => {
  const cases = [
    ["http://h/api/v1/famil%69es?x=%2F", "/api/v1/famil%69es"],
    ["https://h:8787/api//v1/join#frag", "/api//v1/join"],
    ["http://h", "/"],
    ["http://h/?a", "/"],
  ];
  for (const [url, want] of cases) assert.equal(rawPath(url), want, url);
});

test("routes: each endpoint by method, nothing else", () => {
  const cases = [
    ["POST", "/api/v1/families", false, "create"],
    ["GET", "/api/v1/families", false, null],
    ["POST", "/api/v1/families/fx/push", false, "push"],
    ["POST", "/api/v1/families/fx/pu%73h", false, null],
    ["DELETE", "/api/v1/families/fx/devices/dy", false, "revoke"],
    ["POST", "/api/v1/families/fx/probe", false, null],
    ["POST", "/api/v1/families/fx/probe", true, "probe"],
    ["GET", "/put", false, null],
    ["POST", "/delete", false, null],
  ];
  for (const [method, path, debug, want] of cases) {
    assert.equal(route(method, path, debug)?.name ?? null, want, `${method} ${path}`);
  }
  assert.deepEqual(route("DELETE", "/api/v1/families/fx/devices/dy"), { name: "revoke", family: "fx", device: "dy", debug: false });
});

test("client address: IPv4 as is, IPv6 by /64", () => {
  const cases = [
    ["203.0.113.7", "203.0.113.7"],
    ["", "unknown"],
    [undefined, "unknown"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["2001:0db8:0000:0000:ffff::2", "2001:db8:0:0::/64"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["::ffff:1.2.3.4", "0:0:0:0::/64"],
  ];
  for (const [header, want] of cases) assert.equal(clientAddress(header), want, String(header));
});
