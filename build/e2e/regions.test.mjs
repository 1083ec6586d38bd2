// End to end, issue 8: a family across provinces, entered with the region picker. A son
// insured in 广州市天河区 (440106) and his mother in 湖南省衡阳市衡东县 (430424): the people
// table and the binding check name both regions in full, never by code, and the refusal points
// to the wallet route. Screenshot at a phone's width (390 px): bind-across-provinces.png.
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

// What a family must never read: a region code, a machine date, a reason code, a field path.
function assertReadable(text, where) {
  for (const [what, re] of [['a six-digit code', /\d{6}/], ['a machine date', /\d{4}-\d{2}-\d{2}/],
    ['a reason code', /[A-Z][A-Z0-9]+_[A-Z0-9_]+/], ['a field path', /\b(action|args)\.[a-z]/],
    ['a JavaScript error', /TypeError|undefined|Failed to fetch/]]) {
    const m = text.match(re);
    assert.equal(m, null, `${where} shows ${what}: ${m && m[0]}`);
  }
}

// addPerson enters a person with the province → city → county picker.
async function addPerson({ name, province, city, county, full, insurance, account }) {
  await page.fill('#person-name', name);
  await page.selectOption('#person-region-province', province);
  await page.selectOption('#person-region-city', city);
  await page.selectOption('#person-region-county', county);
  await page.locator('#person-region-name', { hasText: full }).waitFor();
  await page.selectOption('#person-insurance', insurance);
  if (account) await page.fill('#person-account', account);
  await page.click('#person-save');
  await page.locator(`#people tr[data-person="${name}"]`).waitFor();
}

test('a son in 广州市天河区 and his mother in 湖南省衡阳市衡东县, entered with the picker', async () => {
  await page.goto(server.url + '/');
  await ready(page);
  await addPerson({ name: '儿子', province: '440000', city: '440100', county: '440106', full: '广东省广州市天河区',
    insurance: 'employee', account: '1000' });
  await addPerson({ name: '妈妈', province: '430000', city: '430400', county: '430424', full: '湖南省衡阳市衡东县',
    insurance: 'resident' });
  await page.selectOption('#relation-person', '妈妈');
  await page.selectOption('#relation-of', '儿子');
  await page.selectOption('#relation-kind', 'parent');
  await page.click('#relation-save');
  await page.locator('#relations li', { hasText: '妈妈是儿子的父亲或母亲' }).waitFor();
  const people = await page.locator('#people').innerText();
  assert.match(people, /儿子[\s\S]*广东省广州市天河区[\s\S]*1000\.00 元/);
  assert.match(people, /妈妈[\s\S]*湖南省衡阳市衡东县/);
  assertReadable(people, 'the people table');
  await shot(page, 'family-across-provinces');
});

test('the binding check explains the refusal by region names and points to the wallet', async () => {
  await nav(page, 'bindings');
  await page.selectOption('#bind-authorizer', '儿子');
  await page.selectOption('#bind-beneficiary', '妈妈');
  await page.locator('#bind-verdict[data-allowed="false"]').waitFor();
  const check = await page.locator('#bind-check').innerText();
  assert.match(check, /广东省广州市天河区/);
  assert.match(check, /湖南省衡阳市衡东县/);
  // issue 20: what the family can do instead comes from routes, never a way the rules refuse
  // (Guangdong has no wallet, so nobody in this family can pay for her today)
  assert.match(check, /不能用医保钱包转账：儿子所在的广东省.*还没有开通医保钱包/);
  assert.match(check, /今天家里没有人能为妈妈付钱/);
  assert.doesNotMatch(check, /可以改用医保钱包/);
  assertReadable(check, 'the binding check');
  assertReadable(await page.locator('main').innerText(), 'the bindings screen');
  assert.ok(await page.locator('#bind-save').isDisabled());
  await page.locator('#bind-check').scrollIntoViewIfNeeded();
  await shot(page, 'bind-across-provinces');
  // nothing is wider than the phone's screen
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
});

test('a bill whose parts do not add up is explained under the total', async () => {
  await nav(page, 'bill');
  await page.selectOption('#bill-patient', '儿子');
  await page.fill('#bill-fund', '10');
  await page.fill('#bill-policy', '10');
  await page.fill('#bill-total', '50');
  const under = page.locator('#bill-total-error');
  await under.waitFor();
  assert.equal(await under.innerText(), '各部分之和（统筹基金 + 政策范围内自付 + 全自费）与医疗费总额不一致');
  // the sentence sits in the total's own field, right under its input
  assert.equal(await page.locator('label.field:has(#bill-total) #bill-total-error').count(), 1);
  assertReadable(await page.locator('main').innerText(), 'the bill screen');
  await page.locator('#bill-total').scrollIntoViewIfNeeded();
  await shot(page, 'bill-parts-do-not-add-up');
});

test('no page errors', () => {
  assert.deepEqual(errors, []);
});
