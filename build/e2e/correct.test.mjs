// End to end at a phone's size (390x844): correct anything, lose nothing. A family is made,
// a typo in a name is fixed, a bill is entered with its visit date, place and 统筹 part, voided
// and the void undone, and a member's retirement is recorded; then the family goes to the
// server, which re-runs every correction and confirms it. Screenshot: correct-ledger.png (the
// ledger with 「已更正」, before and after).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, shot, watchErrors, nav } from './harness.mjs';

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

async function addPerson(name, insurance, account) {
  await page.fill('#person-name', name);
  await page.selectOption('#person-region', '330100');
  await page.selectOption('#person-insurance', insurance);
  if (account) await page.fill('#person-account', account);
  await page.click('#person-save');
  await page.locator(`#people tr[data-person="${name}"]`).waitFor();
}

test('a family, and a typo in a name fixed', async () => {
  await page.goto(server.url + '/');
  await ready(page);
  await addPerson('张叁', 'employee', '1000');
  await addPerson('王芳', 'resident');
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
  await shot(page, 'correct-ledger');
  assert.deepEqual(errors, []);
});
