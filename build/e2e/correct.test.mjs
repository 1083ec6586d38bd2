// End to end at a phone's size (390x844): correct anything, lose nothing. A family is made,
// a typo in a name is fixed, a bill is entered with its visit date, place and 统筹 part, voided
// and the void undone, and a member's retirement is recorded; then the family goes to the
// server, which re-runs every correction and confirms it. A bill's amounts are corrected
// (amend_bill) and a binding is revoked after its confirmation on the way. The whole story
// runs with the text at 200% (CSS zoom 2), as a parent's phone set to large text shows it;
// the ledger and the navigation are measured for sideways scrolling. Screenshots:
// correct-ledger.png (the ledger with 「已更正」, before and after) and correct-nav.png (更多 open).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, shot, watchErrors, nav, addPerson } from './harness.mjs';

let server, ctx, page;
const errors = [];

before(async () => {
  server = await startServer();
  ctx = await launch();
  page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  watchErrors(page, errors);
});

after(async () => {
  await ctx?.close();
  await server?.stop();
});


// zoom2 sets the text to 200%, as the phone's large-text setting does; navigation inside the
// app keeps it, a reload needs it again.
async function zoom2() {
  await page.evaluate(() => { document.documentElement.style.zoom = '2'; });
}

// noSideways fails when the page scrolls sideways.
async function noSideways(where) {
  const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(m.scroll <= m.client, `${where}: scrollWidth ${m.scroll} > clientWidth ${m.client}`);
}

test('a family, and a typo in a name fixed', async () => {
  await page.goto(server.url + '/');
  await ready(page);
  await zoom2();
  await addPerson(page, '张叁', 'employee', '1000');
  await addPerson(page, '王芳', 'resident');
  await page.selectOption('#edit-person', '张叁');
  await page.locator('#edit-name').waitFor();
  await page.fill('#edit-name', '王芳');
  await page.click('#edit-save');
  await page.locator('#edit-name-error', { hasText: '已经有人叫这个名字' }).waitFor();
  await page.fill('#edit-name', '张三');
  await page.click('#edit-save');
  await page.locator('#edit-saved').waitFor();
  await page.locator('#people tr[data-person="张叁"]', { hasText: '张三' }).waitFor();
});

test('a bill as the receipt reads, voided, and the void undone', async () => {
  await nav(page, 'bill');
  await page.selectOption('#bill-patient', '张叁');
  await page.fill('#bill-date', '2026-01-15');
  await page.fill('#bill-time', '09:30');
  await page.fill('#bill-place', '杭州市第一人民医院');
  await page.fill('#bill-fund', '300');
  await page.fill('#bill-policy', '80');
  await page.fill('#bill-full', '20');
  await page.fill('#bill-total', '1.234');
  await page.locator('#bill-total-error', { hasText: '最多两位小数' }).waitFor();
  await page.fill('#bill-total', '400');
  await page.locator('#bill-lines li[data-source="own"]').waitFor();
  await page.click('#bill-save');
  await page.locator('#bill-saved').waitFor();

  await nav(page, 'ledger');
  const bill = page.locator('#bills li.bill').first();
  await bill.filter({ hasText: '杭州市第一人民医院' }).waitFor();
  assert.match(await bill.innerText(), /300\.00 元/); // the 统筹 part is on the bill
  assert.match(await bill.innerText(), /2026年1月15日/); // dated by the visit
  await bill.locator('button.void').click();
  await page.click('#void-yes');
  await page.locator('#bills li.bill.voided', { hasText: '已作废' }).waitFor();
  assert.match(await page.locator('#people').innerText(), /1000\.00 元/);
  await page.locator('#undo', { hasText: '作废' }).click();
  await page.locator('#bills li.bill.voided').waitFor({ state: 'detached' });
  assert.match(await page.locator('#people').innerText(), /920\.00 元/);
  await page.locator('#corrections li.corrected', { hasText: '恢复' }).waitFor();
});

test('a bill\'s amounts corrected: 已更正 with before and after', async () => {
  const bill = page.locator('#bills li.bill').first();
  await bill.locator('button.amend').click();
  // the form opens with the saved bill
  assert.equal(await page.inputValue('#bill-policy'), '80.00');
  assert.equal(await page.inputValue('#bill-place'), '杭州市第一人民医院');
  assert.equal(await page.inputValue('#bill-date'), '2026-01-15');
  await page.fill('#bill-policy', '100');
  // typed straight after the part: the total following the parts must not mix with the keys
  // typed into it (it read 「420.00420」 when the follow landed between select-all and typing)
  await page.fill('#bill-total', '420');
  // the preview shows the corrected split before 更正 is pressed, as a person reads it first
  // (pressing while the page still lays out the new split could land beside the button)
  await page.locator('#bill-lines li[data-source="own"]', { hasText: '100.00' }).waitFor();
  await page.click('#bill-save');
  await page.locator('#bill-reason-error', { hasText: '原因' }).waitFor({ timeout: 10000 }).catch(async (err) => {
    const form = await page.evaluate(() => ['bill-total', 'bill-fund', 'bill-policy', 'bill-full', 'bill-reason']
      .map(id => id + '=' + document.getElementById(id)?.value).join(' '));
    assert.fail(`no reason asked after 更正 without one; the fields read: ${form}; ${err.message}`);
  });
  await page.fill('#bill-reason', '按收据改金额');
  await page.click('#bill-save');
  await page.locator('#bills li.bill .mark.corrected', { hasText: '原 400.00 元 → 现 420.00 元' }).waitFor();
  await page.locator('#bills li.bill.voided', { hasText: '已作废' }).waitFor(); // the bill it replaced
  assert.match(await page.locator('#people').innerText(), /900\.00 元/);
  await page.locator('#corrections li.corrected', { hasText: '400.00 元 → 420.00 元' }).waitFor();
  await shot(page, 'correct-amend');
});

test('void after a correction: the bill as it stands is voided, the version before stays voided', async () => {
  const corrected = page.locator('#bills li.bill', { has: page.locator('.mark.corrected') });
  await corrected.locator('button.void').click();
  await page.click('#void-yes');
  await page.locator('#bills li.bill.voided', { hasText: '作废：张三 的账单 420.00 元' }).waitFor();
  assert.equal(await page.locator('#bills li.bill:not(.voided)').count(), 0, 'no earlier version comes back');
  assert.match(await page.locator('#people').innerText(), /1000\.00 元/);
  // one level of words, and undo is the way back to the corrected bill
  const undo = page.locator('#undo');
  assert.match(await undo.innerText(), /作废：张三 ?的账单 420\.00 元/);
  assert.doesNotMatch(await undo.innerText(), /作废：更正/);
  await undo.click();
  await page.locator('#bills li.bill:not(.voided)', { hasText: '420.00 元' }).waitFor();
  assert.match(await page.locator('#people').innerText(), /900\.00 元/);
});

test('a binding revoked after its confirmation', async () => {
  await nav(page, 'family');
  await page.selectOption('#relation-person', '王芳');
  await page.selectOption('#relation-of', '张叁');
  await page.selectOption('#relation-kind', 'parent');
  await page.click('#relation-save');
  await nav(page, 'bindings');
  await page.selectOption('#bind-authorizer', '张叁');
  await page.selectOption('#bind-beneficiary', '王芳');
  await page.locator('#bind-verdict[data-allowed="true"]').waitFor();
  await page.click('#bind-save');
  const li = page.locator('#bindings li', { hasText: '张三 → 王芳' });
  await li.waitFor();
  await li.locator('button.revoke').click();
  await page.locator('#revoke-confirm', { hasText: '确定解除 张三 为 王芳 的共济绑定吗' }).waitFor();
  assert.match(await li.innerText(), /生效中/); // nothing revoked yet
  await page.click('#revoke-yes');
  await li.filter({ hasText: '已解除' }).waitFor();
  assert.equal(await li.locator('button.revoke').count(), 0);
});

test('退休 recorded for a member, and the server confirms every correction', async () => {
  await nav(page, 'family');
  await page.selectOption('#edit-person', '张叁');
  await page.click('#event-retire');
  await page.locator('#edit-saved', { hasText: '退休' }).waitFor();

  await nav(page, 'sync');
  await page.fill('#family-name', '张家');
  await page.click('#create-family');
  await page.locator('#sync-family').waitFor();
  await page.locator('#sync-items li[data-state="pending"]').first().waitFor({ state: 'detached', timeout: 20000 });
  assert.equal(await page.locator('#sync-items li[data-state="rejected"]').count(), 0);

  await nav(page, 'ledger');
  const corrections = page.locator('#corrections li.corrected');
  await corrections.filter({ hasText: '姓名 张叁 → 张三' }).waitFor();
  await corrections.filter({ hasText: '退休 否 → 是' }).waitFor();
  assert.ok(await page.locator('#corrections li[data-state="confirmed"]').count() >= 4);
  assert.equal(await page.evaluate(() => document.documentElement.style.zoom), '2');
  await noSideways('ledger at 200%');
  await shot(page, 'correct-ledger');
  await page.click('#nav-more');
  await noSideways('navigation with 更多 open at 200%');
  await shot(page, 'correct-nav');
  assert.deepEqual(errors, []);
});
