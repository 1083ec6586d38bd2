// Helpers for the end-to-end tests: the real `gongji serve` on a free port with a fresh data
// directory, and Debian's Chromium driven by playwright-core with a fresh profile.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const shots = path.join(root, 'build/out/screenshots');
fs.mkdirSync(shots, { recursive: true });

// startServer runs the binary in a fresh directory (its ./data lives there) on the given
// address and resolves with its base URL once it prints it.
export async function startServer({ bin = process.env.GONGJI_BIN, addr = '127.0.0.1:0', dir } = {}) {
  if (!bin) throw new Error('GONGJI_BIN is not set');
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-e2e-data-'));
  const proc = spawn(bin, ['serve', '--addr', addr], {
    cwd: dir, env: { ...process.env, GONGJI_WEB_DIR: path.join(root, 'web'), GONGJI_DATA: path.join(dir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const onData = (d) => {
      log += d;
      const m = log.match(/running at (http:\/\/[^\s]+?)\/?\s/);
      if (m) resolve(m[1]);
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (d) => { log += d; });
    proc.on('exit', (code) => reject(new Error(`gongji serve exited ${code}: ${log}`)));
  });
  return {
    url, dir, proc, log: () => log,
    stop: () => new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    }),
  };
}

// launch opens Chromium with a fresh profile (a reused one keeps the last run's worker).
export async function launch(opts = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-e2e-profile-'));
  return chromium.launchPersistentContext(dataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, timeout: 60000,
    locale: 'zh-CN', viewport: { width: 420, height: 900 }, acceptDownloads: true, ...opts,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// onPhone starts a server and a phone (390x844, touch) with one page whose errors go to errors;
// with at, the page's clock is Playwright's from that moment (a test that must not depend on
// the hour it runs: the wallet refuses transfers 22:00-06:00); bypassCSP lets axe-core's inline
// script in (csp.test.mjs checks the policy itself). close ends the phone and the server.
export async function onPhone(errors, { at, bypassCSP = false } = {}) {
  const server = await startServer();
  const ctx = await launch({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP });
  const page = await ctx.newPage();
  watchErrors(page, errors);
  if (at) await page.clock.install({ time: new Date(at) });
  return { server, ctx, page, close: async () => { await ctx.close(); await server.stop(); } };
}

// ready waits until the wasm client has mounted (a marker only the client sets) and go-app's
// loader is gone; it returns the time from navigation start in ms, measured in the page.
export async function ready(page) {
  await page.locator('#wasm-status[data-status="ready"]').waitFor({ state: 'attached', timeout: 60000 });
  await page.locator('#app-wasm-loader').waitFor({ state: 'detached', timeout: 60000 });
  return page.evaluate(() => performance.now());
}

// cached waits until the service worker's cache holds the wasm and the app shell.
export async function cached(page) {
  await page.waitForFunction(async () => {
    const k = await caches.keys(); if (!k.length) return false;
    const u = (await (await caches.open(k[0])).keys()).map((r) => new URL(r.url).pathname);
    return u.includes('/web/app.wasm') && u.includes('/');
  }, null, { polling: 200, timeout: 30000 });
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: true });
}

export function watchErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(e.message));
}

// nav goes to a screen through the navigation: on a phone the screens beyond the bottom bar
// are under 更多 (#nav-more), opened first when the link is hidden.
export async function nav(page, name) {
  const link = page.locator('#nav-' + name);
  if (!(await link.isVisible())) await page.click('#nav-more');
  await link.click();
}

// addPerson enters a person of Hangzhou (330100) on 家庭 and waits for their row: an employee
// without a given balance is entered with 0 (a blank balance is asked), a wallet ticked open.
export async function addPerson(page, name, insurance, account, wallet) {
  await page.fill('#person-name', name);
  await page.selectOption('#person-region', '330100');
  await page.selectOption('#person-insurance', insurance);
  if (account || insurance === 'employee') await page.fill('#person-account', account || '0');
  if (wallet) await page.check('#person-wallet-open');
  await page.click('#person-save');
  await page.locator(`#people tr[data-person="${name}"]`).waitFor();
}

// assertAxeClean runs axe-core on the page (injected once; the tests that call it launch with
// bypassCSP) and fails on critical or serious violations, naming up to three elements of each.
export async function assertAxeClean(page, label) {
  if (!(await page.evaluate(() => !!window.axe))) {
    await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
  }
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = res.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(bad, [], `axe on ${label}`);
}
