// The PWA runs under its Content-Security-Policy (server/pwa/headers.go, issue 10): every
// route loads, the wasm starts, the service worker caches the app, and Chromium reports no
// violation (securitypolicyviolation events and "Content Security Policy" console errors).
// A control injects an inline script to prove that violations are seen and the CSP enforced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, cached, watchErrors } from './harness.mjs';

const routes = ['/', '/bindings', '/bill', '/wallet', '/ledger', '/withdraw', '/sync'];
let server, ctx, page;
const errors = [];
const consoleCSP = [];

before(async () => {
  server = await startServer();
  ctx = await launch();
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page = await ctx.newPage();
  watchErrors(page, errors);
  page.on('console', (m) => {
    if (/Content[ -]Security[ -]Policy|Refused to/i.test(m.text())) consoleCSP.push(m.text());
  });
});

after(async () => {
  await ctx?.close();
  await server?.stop();
});

test('every route runs under the CSP without a violation', async () => {
  for (const route of routes) {
    const resp = await page.goto(server.url + route);
    const csp = resp.headers()['content-security-policy'] || '';
    assert.match(csp, /'wasm-unsafe-eval'/, `${route}: CSP ${csp}`);
    assert.match(csp, /frame-ancestors 'none'/, `${route}: CSP ${csp}`);
    assert.equal(resp.headers()['x-content-type-options'], 'nosniff', route);
    await ready(page);
    if (route === '/') await cached(page); // the service worker installed and cached under the CSP
    const seen = await page.evaluate(() => window.__csp);
    assert.deepEqual(seen, [], `${route}: violations`);
  }
  assert.deepEqual(consoleCSP, [], 'console CSP errors');
  assert.deepEqual(errors, [], 'page errors');
});

test('the CSP is enforced: an injected inline script is refused and reported', async () => {
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.head.appendChild(s);
    await new Promise((r) => setTimeout(r, 50));
    return { injected: window.__injected === true, reports: window.__csp.length };
  });
  assert.equal(ran.injected, false, 'the inline script ran');
  assert.ok(ran.reports >= 1, 'no violation reported for the injected script');
});

test('no directory listing under /web/', async () => {
  const resp = await page.request.get(server.url + '/web/');
  assert.equal(resp.status(), 404);
});
