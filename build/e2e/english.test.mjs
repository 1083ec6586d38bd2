// End to end, English on a device (issue 22): the wasm holds no English of its own, so a
// Chinese first visit never downloads web/english.js; choosing English offline before it was
// ever loaded says so honestly and stays in Chinese; chosen online, the app, the engine's
// explanations and their citations read English; from then on the worker keeps it, so
// switching to English offline, and reloading offline, still show English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, cached, watchErrors, nav, addPerson } from './harness.mjs';

let server, ctx, page;
const errors = [];
const englishRequests = [];

before(async () => {
  server = await startServer();
  ctx = await launch();
  ctx.on('request', (r) => { if (new URL(r.url()).pathname === '/web/english.js') englishRequests.push(r.url()); });
  page = await ctx.newPage();
  watchErrors(page, errors);
});

after(async () => {
  await ctx?.close();
  await server?.stop();
});

// switchLang taps the language switch and waits for the reload it makes to be ready.
async function switchLang(p) {
  await Promise.all([p.waitForEvent('load'), p.click('#lang-switch')]);
  await ready(p);
}

test('a Chinese first visit does not download the English', async () => {
  await page.goto(server.url + '/');
  await ready(page);
  await addPerson(page, '张三', 'employee', '1000');
  await cached(page);
  assert.deepEqual(englishRequests, []);
});

test('English chosen offline before it was ever loaded: an honest note, and Chinese', async () => {
  await ctx.setOffline(true);
  try {
    const said = new Promise((resolve) => page.once('dialog', async (d) => { resolve(d.message()); await d.accept(); }));
    await switchLang(page);
    assert.match(await said, /English could not load: it needs a network connection/);
    await page.locator('#nav-family', { hasText: '家庭' }).waitFor();
    await page.locator('#lang-switch', { hasText: 'English' }).waitFor();
  } finally {
    await ctx.setOffline(false);
  }
});

test('English chosen online: the app and the explanations read English', async () => {
  await switchLang(page);
  await page.locator('#nav-family', { hasText: 'Family' }).waitFor();
  await nav(page, 'bill');
  await page.selectOption('#bill-patient', '张三');
  await page.fill('#bill-policy', '100');
  // a sentence of the engine's (shared/engine text_en.go), not only the app's labels
  await page.locator('#bill-explain', { hasText: 'within what personal accounts pay for' }).waitFor();
  // and a citation in the source catalogue's English (shared/source catalogue_en.go)
  assert.match(await page.locator('#bill-explain').textContent(), /General Office of the State Council, “Guiding Opinions/);
  assert.doesNotMatch(await page.locator('main').innerText(), /[\u4e00-\u9fff]{6,}/, 'no Chinese sentence left');
});

test('once loaded, English works offline: a reload, and a switch from Chinese', async () => {
  await ctx.setOffline(true);
  try {
    await page.reload();
    await ready(page);
    await page.locator('#nav-family', { hasText: 'Family' }).waitFor();
    await switchLang(page); // to Chinese
    await page.locator('#nav-family', { hasText: '家庭' }).waitFor();
    await switchLang(page); // and back to English, offline
    await page.locator('#nav-family', { hasText: 'Family' }).waitFor();
    await nav(page, 'bill');
    await page.selectOption('#bill-patient', '张三');
    await page.fill('#bill-policy', '100');
    await page.locator('#bill-explain', { hasText: 'within what personal accounts pay for' }).waitFor();
    assert.match(await page.locator('#bill-explain').textContent(), /General Office of the State Council/);
  } finally {
    await ctx.setOffline(false);
  }
});

test('no page errors', () => {
  assert.deepEqual(errors, []);
});
