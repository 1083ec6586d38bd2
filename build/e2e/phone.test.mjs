// End to end, phone first and the family's data: one family entered on a desktop
// (1280x800), exported as JSON and CSV, imported on a fresh phone profile (390x844 with the
// text at 200%, CSS zoom 2) with no server, the same balances and ledger there; on every route
// and at both sizes axe-core finds nothing critical or serious, and on the phone nothing
// scrolls sideways, tap targets are 44 px and text 16 px or more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launch, ready, shot, watchErrors, nav, addPerson, assertAxeClean } from './harness.mjs';

const routes = ['/', '/bindings', '/bill', '/wallet', '/ledger', '/reminders', '/withdraw', '/sync', '/data'];
let server, desk, phone, page, exported, csvFile;
const errors = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-export-'));

before(async () => {
  server = await startServer();
  // axe-core is injected as an inline script, which the CSP refuses: these contexts bypass it
  // (csp.test.mjs checks the policy itself on every route).
  desk = await launch({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  page = await desk.newPage();
  watchErrors(page, errors);
});

after(async () => {
  await desk?.close();
  await phone?.close();
  await server?.stop();
  assert.deepEqual(errors, []);
});


// ledgerText is what the ledger says, whatever the layout: people and every statement.
async function ledgerText(p) {
  await nav(p, 'ledger');
  await p.locator('#statements').waitFor();
  return p.evaluate(() => ['#people', '#statements', '#year-flows'].map((s) => document.querySelector(s)?.textContent).join('\n'));
}

// The clock is Playwright's, the same morning on both devices: a wallet transfer is refused from
// 22:00 to 06:00 (Beijing), and the wall clock put this test there from 14:00 UTC.
const morning = new Date('2026-12-07T10:00:00+08:00');

test('desktop: a family with a bill and a wallet transfer; axe on every route', async () => {
  await page.clock.install({ time: morning });
  await page.goto(server.url + '/');
  await ready(page);
  await addPerson(page, '张三', 'employee', '1000');
  await addPerson(page, '王芳', 'resident');
  await addPerson(page, '小明', 'resident', '', true);
  for (const [who, rel] of [['王芳', 'parent'], ['小明', 'child']]) {
    await page.selectOption('#relation-person', who);
    await page.selectOption('#relation-of', '张三');
    await page.selectOption('#relation-kind', rel);
    await page.click('#relation-save');
  }
  await nav(page, 'bindings');
  await page.selectOption('#bind-authorizer', '张三');
  await page.selectOption('#bind-beneficiary', '王芳');
  await page.locator('#bind-verdict[data-allowed="true"]').waitFor();
  await page.click('#bind-save');
  await nav(page, 'bill');
  await page.selectOption('#bill-patient', '王芳');
  await page.fill('#bill-policy', '80');
  await page.locator('#bill-lines li[data-source="mutual_aid"]').waitFor();
  await page.click('#bill-save');
  await page.locator('#bill-saved').waitFor();
  await nav(page, 'wallet');
  await page.selectOption('#wallet-from', '张三');
  await page.selectOption('#wallet-to', '小明');
  await page.fill('#wallet-amount', '100');
  await page.click('#wallet-send');
  await page.locator('#transfers li[data-state="pending"]').waitFor();
  // the reminder and its badge, with the time left before 06:00
  await page.locator('#nav-reminders-badge').waitFor();
  await nav(page, 'reminders');
  const r = await page.locator('#reminders li[data-kind="accept_transfer"]').innerText();
  assert.match(r, /张三 转给 小明 的医保钱包 100\.00 元 等待领取[\s\S]*06:00[\s\S]*剩余时间：\d+ 小时 \d+ 分/);
  await shot(page, 'desktop-reminders');
  for (const route of routes) {
    await page.goto(server.url + route);
    await ready(page);
    await assertAxeClean(page, route + ' at 1280x800');
  }
  await shot(page, 'desktop-data');
});

test('export: the family as JSON and the ledger as CSV for Excel and WPS', async () => {
  await nav(page, 'data');
  const [dj] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  exported = path.join(tmp, dj.suggestedFilename());
  await dj.saveAs(exported);
  assert.match(path.basename(exported), /^共济-.*\.json$/);
  const x = JSON.parse(fs.readFileSync(exported, 'utf8'));
  assert.equal(x.format, 'gongji.family');
  assert.equal(x.ledger.people.length, 3);
  const [dc] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  csvFile = path.join(tmp, 'ledger.csv');
  await dc.saveAs(csvFile);
  const raw = fs.readFileSync(csvFile);
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
  const text = raw.subarray(3).toString('utf8');
  assert.ok(text.endsWith('\r\n') && !/[^\r]\n/.test(text), 'CRLF line ends');
  const rows = parseCSV(text);
  assert.deepEqual(rows[0], ['编号', '日期', '时间', '成员', '账户', '摘要', '为谁', '地点', '金额（元）', '余额（元）', '状态', '记录设备', '日期（ISO）', '时刻（ISO）']);
  const bill = rows.find((r) => r[3] === '张三' && r[8] === '-80.00');
  assert.ok(bill, 'the bill on 张三\'s account: ' + JSON.stringify(rows));
  assert.equal(bill[4], '个人账户');
  assert.equal(bill[9], '920.00');
  assert.match(bill[1], /^\d{4}年\d{1,2}月\d{1,2}日$/, 'the date as a family reads it');
  assert.match(bill[12], /^\d{4}-\d{2}-\d{2}$/, 'the date for programs');
  assert.ok(bill[6] !== '', 'the bill names whom it was for');
  assert.equal(new Set(rows.slice(1).map((r) => r[0])).size, rows.length - 1, 'a number to quote on every row, each its own');
  assert.ok(rows.every((r) => r.length === 14), 'fourteen columns on every row');
});

// parseCSV reads RFC 4180 CSV: every field quoted, "" for a quote, CRLF between records.
function parseCSV(text) {
  const rows = [];
  for (const line of text.split('\r\n').filter(Boolean)) {
    assert.match(line, /^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/, 'every field quoted: ' + line);
    rows.push(line.slice(1, -1).split('","').map((f) => f.replace(/""/g, '"')));
  }
  return rows;
}

test('phone at 200%: import on a fresh profile with no server gives the same ledger', async () => {
  const want = await ledgerText(page);
  phone = await launch({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true });
  const p = await phone.newPage();
  watchErrors(p, errors);
  await p.clock.install({ time: morning });
  await p.goto(server.url + '/data');
  await ready(p);
  await p.evaluate(() => { document.documentElement.style.zoom = '2'; });
  await p.setInputFiles('#import-file', exported);
  await p.click('#import-json');
  await p.locator('#data-done').waitFor();
  assert.equal(await ledgerText(p), want);
  assert.equal(await p.locator('#sync-pill').getAttribute('data-status'), 'local');
  await shot(p, 'phone-ledger-200');
});

test('phone at 200%: every route fits, targets and text are large enough, axe is clean', async () => {
  const p = phone.pages()[0];
  for (const route of routes) {
    await p.goto(server.url + route);
    await ready(p);
    await p.evaluate(() => { document.documentElement.style.zoom = '2'; });
    const m = await p.evaluate(() => {
      const d = document.documentElement;
      const small = [];
      for (const el of document.querySelectorAll('main p, main li, main td, main label, main summary, .nav a, .nav button')) {
        if (!el.offsetParent || !el.textContent.trim()) continue;
        const fs = parseFloat(getComputedStyle(el).fontSize);
        if (fs < 16) small.push(`${el.tagName}.${el.className} ${fs}px`);
      }
      const tiny = [];
      for (const el of document.querySelectorAll('button, .nav a, .pill, main a.go')) {
        if (!el.offsetParent) continue;
        const r = el.getBoundingClientRect(); // 44 CSS px or more, zoomed or not
        if (r.height < 43.5 || r.width < 43.5) tiny.push(`${el.id || el.className} ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
      return { scroll: d.scrollWidth, client: d.clientWidth, small, tiny };
    });
    assert.ok(m.scroll <= m.client, `${route}: scrollWidth ${m.scroll} > clientWidth ${m.client}`);
    assert.deepEqual(m.small, [], `${route}: text under 16 px`);
    assert.deepEqual(m.tiny, [], `${route}: tap targets under 44 px`);
    await assertAxeClean(p, route + ' at 390x844, 200%');
    await shot(p, 'phone-200' + (route === '/' ? '-family' : route.replace('/', '-')));
  }
  // 更多 opens the screens the bottom bar has no room for
  await p.click('#nav-more');
  await p.locator('#nav-withdraw').waitFor();
  await shot(p, 'phone-200-more');
});
