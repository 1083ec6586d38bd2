// The update banner: a page served by version 1 sees version 2 deployed on the same address,
// shows 新版本已就绪, and its button loads version 2.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, ready, cached, shot, root } from './harness.mjs';

let server, ctx;
after(async () => { await ctx?.close(); await server?.stop(); });

test('a new version deployed while the app is open shows the update banner', async () => {
  const dir = fs.mkdtempSync(path.join(root, 'build/out/e2e-update-'));
  const bin = (v) => {
    const out = path.join(dir, 'gongji-' + v);
    execFileSync('go', ['build', '-ldflags', '-X main.version=' + v, '-o', out, './server/cmd/gongji'], { cwd: root });
    return out;
  };
  const v1 = bin('e2e-v1'), v2 = bin('e2e-v2');
  server = await startServer({ bin: v1, dir });
  const addr = server.url.replace('http://', '');
  ctx = await launch();
  const page = await ctx.newPage();
  await page.goto(server.url + '/ledger');
  await ready(page);
  await cached(page);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000 });
  assert.equal(await page.locator('#update-banner').count(), 0);

  await server.stop();
  server = await startServer({ bin: v2, dir, addr });
  await page.reload();
  await ready(page);
  await page.locator('#update-banner').waitFor({ timeout: 30000 });
  await shot(page, '09-update-banner');
  await Promise.all([page.waitForEvent('load'), page.click('#update-reload')]);
  await ready(page);
  const worker = await page.evaluate(async () => (await (await fetch('/app-worker.js')).text()));
  assert.match(worker, /e2e-v2/);
  fs.rmSync(dir, { recursive: true, force: true });
});
