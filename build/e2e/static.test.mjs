// End to end, the static build (make static, issue 22) on one phone alone: the folder made
// with SYNC_URL=none served by a plain static file server (build/tools/static-server.mjs, as
// any static host would), every route's first screen readable in the HTML before any script,
// the text files sent brotli-compressed, then the offline story: people entered, every route
// reloaded offline from the worker's cache, a person added offline and still there after a
// reload, and 同步 saying this version has no server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { launch, ready, cached, shot, watchErrors, nav, root, addPerson } from './harness.mjs';

const routes = ['/', '/bindings', '/bill', '/wallet', '/ledger', '/reminders', '/withdraw', '/sync', '/data'];
const dir = process.env.GONGJI_STATIC_DIR || path.join(root, 'build/out/static-alone');
let proc, url, ctx, page;
const errors = [];

before(async () => {
  assert.ok(fs.existsSync(path.join(dir, 'index.html')), `${dir}: run make static-files STATIC_OUT=${dir} SYNC_URL=none`);
  proc = spawn(process.execPath, [path.join(root, 'build/tools/static-server.mjs'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => { out += d; const m = out.match(/at (http:\/\/\S+)/); if (m) resolve(m[1]); });
    proc.on('exit', (code) => reject(new Error('static server exited ' + code)));
  });
  ctx = await launch();
  page = await ctx.newPage();
  watchErrors(page, errors);
});

after(async () => {
  await ctx?.close();
  proc?.kill();
  assert.deepEqual(errors, []);
});


test('first screen: every route has its shell, title and 正在载入… in the HTML, brotli-compressed', async () => {
  const titles = { '/': '家庭成员', '/bill': '记一笔账单', '/sync': '同步' };
  for (const r of routes) {
    const res = await fetch(url + r, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(res.status, 200, r);
    assert.equal(res.headers.get('content-encoding'), 'br', r);
    const html = await res.text();
    assert.match(html, /<nav[^>]*id="nav"/, r);
    assert.match(html, /正在载入…/, r);
    if (titles[r]) assert.match(html, new RegExp(`<h1>${titles[r]}</h1>`), r);
    assert.equal(/qrcode\.js/.test(html), false, `${r} loads qrcode.js at first load`);
  }
  assert.match(await (await fetch(url + '/')).text(), /id="intro"/, 'the new visitor reads what Gongji is');
  for (const f of ['/app.js', '/wasm_exec.js', '/web/style.css', '/web/app.wasm', '/web/divisions.js', '/web/english.js']) {
    const res = await fetch(url + f, { method: 'HEAD', headers: { 'Accept-Encoding': 'gzip, br' } });
    assert.equal(res.headers.get('content-encoding'), 'br', f);
  }
});

test('one phone alone: people, every route offline, a person added offline stays', async () => {
  await page.goto(url + '/');
  await ready(page);
  // the takeover left one page, with the intro and no loading note
  assert.equal(await page.locator('.page').count(), 1);
  assert.equal(await page.locator('#intro').count(), 1);
  assert.equal(await page.locator('#first-loading').count(), 0);
  await addPerson(page, '张三', 'employee');
  await page.locator('#intro').waitFor({ state: 'detached' });
  await cached(page);
  await ctx.setOffline(true);
  try {
    for (const r of routes) {
      const p = await ctx.newPage();
      watchErrors(p, errors);
      await p.goto(url + r);
      await ready(p);
      await p.locator('#offline-note').waitFor();
      if (r === '/') assert.match(await p.locator('#people').innerText(), /张三/);
      if (r === '/sync') await p.locator('#sync-off').waitFor();
      await p.close();
    }
    await page.reload();
    await ready(page);
    await addPerson(page, '王芳', 'resident');
    await page.reload();
    await ready(page);
    await page.locator('#people tr[data-person="王芳"]').waitFor();
    await nav(page, 'sync');
    await page.locator('#sync-off').waitFor();
    assert.equal(await page.locator('#create-form').count(), 0);
    await shot(page, '20-static-sync-alone');
  } finally {
    await ctx.setOffline(false);
  }
});
