// End to end: a request a person can follow (issue 18), two phones against the real
// `gongji serve`. The owner 李明 creates the family and links his phone to himself; his mother
// 王秀英 joins with the invitation code and is linked as herself by his approval. A bill she
// enters for him is previewed as needing his consent; her void of his bill becomes a request:
// his badge counts it, 提醒 lists it with a link to its card, the card says whose account moves,
// before and after, who asked and when; he declines with a reason and her phone shows 已拒绝
// with it. Then two requests approved one right after the other both apply. axe-core stays
// clean on the pages touched at 390x844 with text at 200%. Invented test people only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, shot, watchErrors, nav, addPerson, assertAxeClean } from './harness.mjs';

const phoneSize = { viewport: { width: 390, height: 844 }, bypassCSP: true };
let server, ctxA, ctxB, a, b;
const errors = [];

before(async () => {
  server = await startServer();
  // the owner allowed notifications; a wrapper records what the app shows
  ctxA = await launch({ ...phoneSize, permissions: ['notifications'] });
  await ctxA.addInitScript(() => {
    window.__notes = [];
    const N = window.Notification;
    if (!N) return;
    window.Notification = class extends N {
      constructor(title, opts) { super(title, opts); window.__notes.push(title + '|' + (opts?.body ?? '')); }
    };
  });
  a = ctxA.pages()[0] ?? await ctxA.newPage();
  watchErrors(a, errors);
});

after(async () => {
  await ctxA?.close();
  await ctxB?.close();
  await server?.stop();
  assert.deepEqual(errors, []);
});

// axe runs axe-core with text at 200% (CSS zoom 2) and fails on critical or serious findings.
async function axe(p, label) {
  await p.evaluate(() => { document.documentElement.style.zoom = '2'; });
  try {
    await assertAxeClean(p, `${label} at 390x844, 200%`);
  } finally {
    await p.evaluate(() => { document.documentElement.style.zoom = ''; });
  }
}


async function bill(p, patient, policy, place) {
  await nav(p, 'bill');
  await p.selectOption('#bill-patient', { label: patient });
  await p.fill('#bill-place', place);
  await p.fill('#bill-policy', policy);
  await p.locator('#bill-split').waitFor();
  await p.click('#bill-save');
  await p.locator('#bill-saved').waitFor();
}

async function voidBill(p, place) {
  await nav(p, 'ledger');
  const li = p.locator('#bills li.bill', { hasText: place });
  await li.locator('button.void').click({ timeout: 20000 });
  await p.click('#void-yes');
}

test('the owner 李明 and his mother 王秀英 on two phones', async () => {
  await a.goto(server.url + '/');
  await ready(a);
  await addPerson(a, '李明', 'employee', '3000');
  await addPerson(a, '王秀英', 'resident');
  await bill(a, '李明', '80', '第一药房');
  await bill(a, '李明', '10', '第二药房');
  await bill(a, '李明', '20', '第三药房');
  await nav(a, 'sync');
  await a.fill('#family-name', '李家');
  await a.click('#create-family');
  await a.locator('#sync-family').waitFor();
  await a.selectOption('#consent-person', { label: '李明' });
  await a.click('#consent-claim');
  await a.locator('#consent-me strong', { hasText: '李明' }).waitFor({ timeout: 20000 });
  await a.click('#new-invite');
  const invite = (await a.locator('#invite-code').innerText()).trim();

  ctxB = await launch(phoneSize);
  b = ctxB.pages()[0] ?? await ctxB.newPage();
  watchErrors(b, errors);
  await b.goto(server.url + '/sync');
  await ready(b);
  await b.fill('#join-code', invite);
  await b.click('#join-family');
  await b.locator('#sync-family').waitFor();
  await b.selectOption('#consent-person', { label: '王秀英' }, { timeout: 20000 });
  await b.click('#consent-claim');
  await a.locator('#consent-requests > li button.approve').first().click({ timeout: 20000 });
  await b.locator('#consent-me strong', { hasText: '王秀英' }).waitFor({ timeout: 20000 });
});

test('preview: a bill 王秀英 enters for 李明 says it needs his consent, with the split', async () => {
  await nav(b, 'bill');
  await b.selectOption('#bill-patient', { label: '李明' });
  await b.fill('#bill-policy', '50');
  await b.locator('#bill-needs', { hasText: '需要李明同意' }).waitFor();
  await b.locator('#bill-lines li[data-source="own"]').waitFor();
  await shot(b, 'requests-01-bill-needs-consent');
  await axe(b, '/bill (member)');
  await b.fill('#bill-policy', '');
});

test('a refused void: badge, reminder, the card with before and after, the reason reaches her', async () => {
  // the owner turns notifications on (granted beforehand: no prompt)
  await nav(a, 'reminders');
  await a.click('#notify-ask');
  await a.locator('#notify-state').waitFor();

  await voidBill(b, '第一药房');
  await nav(b, 'sync');
  await b.locator('#sync-items li[data-state="pending_consent"]').first().waitFor({ timeout: 20000 });

  // 李明's phone: the badge counts the request, 提醒 lists it and links to its card
  await a.locator('#nav-reminders-badge:visible, #nav-more-badge:visible').first().waitFor({ timeout: 20000 });
  await shot(a, 'requests-02-badge');
  await a.reload();
  await ready(a);
  await nav(a, 'reminders');
  const rem = a.locator('#reminders > li[data-kind="consent"]');
  await rem.waitFor({ timeout: 20000 });
  assert.match(await rem.innerText(), /王秀英 请求：作废（账单 · 李明 · 80\.00 元）/);
  await shot(a, 'requests-03-reminder');
  await axe(a, '/reminders (owner)');
  const notes = await a.evaluate(() => window.__notes);
  assert.ok(notes.some((n) => n.includes('王秀英 请求')), 'notification: ' + JSON.stringify(notes));
  await rem.locator('a.go').click();
  const card = a.locator('#consent-requests > li');
  await card.first().waitFor();
  const text = await card.first().innerText();
  assert.match(text, /李明的医保个人账户：2,890\.00 元 → 2,970\.00 元/);
  assert.match(text, /王秀英 于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 提出/);
  assert.doesNotMatch(text, /c_|\/\d+|p_/); // no ids
  await shot(a, 'requests-04-card');
  await axe(a, '/sync (owner, a request)');
  await card.first().locator('input.decline-reason').fill('这笔账单是对的，药是我买的');
  await card.first().locator('button.decline').click();
  const done = a.locator('#consent-followed > li[data-state="declined"]');
  await done.waitFor({ timeout: 20000 });
  assert.match(await done.innerText(), /已拒绝：李明，\d{4}年.*理由：这笔账单是对的，药是我买的/);
  assert.equal(await a.locator('#consent-error').count(), 0);

  // 王秀英's phone: her request shows 已拒绝 with who, when and why, on its card and its item
  await nav(b, 'sync');
  const hers = b.locator('#consent-followed > li[data-state="declined"]');
  await hers.waitFor({ timeout: 20000 });
  assert.match(await hers.innerText(), /已拒绝：李明，\d{4}年\d{1,2}月\d{1,2}日.*理由：这笔账单是对的，药是我买的/);
  const item = b.locator('#sync-items li[data-state="declined"]').first();
  await item.waitFor();
  assert.match(await item.innerText(), /已拒绝[\s\S]*作废（账单 · 李明 · 80\.00 元）[\s\S]*理由：这笔账单是对的/);
  await shot(b, 'requests-05-member-declined');
  await axe(b, '/sync (member, declined)');
});

test('two approvals in a row both apply', async () => {
  await voidBill(b, '第二药房');
  await voidBill(b, '第三药房');
  await nav(a, 'sync');
  const waiting = a.locator('#consent-requests > li');
  await waiting.nth(1).waitFor({ timeout: 20000 });
  await waiting.first().locator('button.approve').click();
  // the second at once, as soon as the list moved under the button (before any sync)
  await waiting.nth(1).waitFor({ state: 'detached' });
  await waiting.first().locator('button.approve').click();
  await a.locator('#consent-followed > li[data-state="approved"], #consent-error').nth(1).waitFor({ timeout: 20000 });
  assert.equal(await a.locator('#consent-error').count(), 0,
    'consent error: ' + (await a.locator('#consent-error').allInnerTexts()).join());
  assert.equal(await a.locator('#consent-requests > li').count(), 0);
  await nav(a, 'ledger');
  await a.locator('#people', { hasText: '2920.00 元' }).waitFor({ timeout: 20000 });
  await nav(b, 'sync');
  await b.locator('#sync-items li[data-state="approved"]').nth(1).waitFor({ timeout: 20000 });
  await shot(b, 'requests-06-member-approved');
});

// issue 21: a bill that waited for consent and was approved is a bill like any other, on both
// phones (it used to move money and show in no bill list)
test('an approved bill shows on both phones', async () => {
  await bill(b, '李明', '50', '第四药房');
  assert.match(await b.locator('#bill-saved').innerText(), /等待李明同意/);
  await nav(a, 'sync');
  const card = a.locator('#consent-requests > li').first();
  await card.waitFor({ timeout: 20000 });
  await card.locator('button.approve').click();
  await a.locator('#consent-requests > li').first().waitFor({ state: 'detached', timeout: 20000 });
  for (const p of [a, b]) {
    await nav(p, 'ledger');
    await p.locator('#bills li.bill', { hasText: '第四药房' }).waitFor({ timeout: 20000 });
  }
  await a.locator('#people', { hasText: '2870.00 元' }).waitFor({ timeout: 20000 });
});
