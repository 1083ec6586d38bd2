// End to end, SH1 (rules.md 11.3): in Shanghai a binding pays only from the authorizer's
// prior-years balance (历年账户). A Shanghai family (the clock at 2026-12-07 10:00 UTC+8): 张三,
// employee in 上海市 with 1000.00 元, his mother 李四 with resident insurance there, bound. Her
// bill of 300.00 元 while his 历年账户 is not given says so and pays nothing from him; the
// family fills 历年账户 200 in his edit form (the field the sentence points to); the same bill
// then takes 200.00 元 from him and 100.00 元 cash, and the ledger shows 800.00 元 left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { onPhone, ready, shot, nav } from './harness.mjs';

let server, page, phone;
const errors = [];

before(async () => {
  phone = await onPhone(errors, { at: '2026-12-07T10:00:00+08:00' });
  ({ server, page } = phone);
});

after(() => phone?.close());

const unknownSentence = /没有填写张三的历年账户余额，所以这次不能共济支付；填写后可以重新计算/;

// bill enters 李四's pharmacy bill of 300.00 元 (all 政策内自付) and waits for its split.
async function bill() {
  await nav(page, 'bill');
  await page.selectOption('#bill-patient', '李四');
  await page.fill('#bill-policy', '300');
  await page.fill('#bill-total', '300');
  await page.locator('#bill-split').waitFor();
}

test('the prior-years balance is asked only where the account is split, with what it is', async () => {
  await page.goto(server.url + '/');
  await ready(page);
  await page.fill('#person-name', '张三');
  await page.selectOption('#person-sex', 'male');
  await page.selectOption('#person-insurance', 'employee');
  // Beijing keeps one balance: no 历年账户 field
  await page.selectOption('#person-region', '110100');
  await page.locator('#person-account').waitFor();
  assert.equal(await page.locator('#person-history').count(), 0);
  // Shanghai splits it: the field, and the line under it says only it pays for relatives
  await page.selectOption('#person-region', '310100');
  await page.locator('#person-history').waitFor();
  const label = await page.locator('label.field', { has: page.locator('#person-history') }).innerText();
  assert.match(label, /其中历年账户余额/);
  assert.match(await page.locator('#person-history-hint').innerText(), /历年账户.*在上海只有历年账户能为家人支付/);
  // a prior-years balance that is not money is refused next to it
  await page.fill('#person-account', '1000');
  await page.fill('#person-history', '两百');
  await page.click('#person-save');
  await page.locator('#person-history-error').waitFor();
  assert.equal(await page.locator('#people').count(), 0);
  // left blank: not given (the family does not know it yet)
  await page.fill('#person-history', '');
  await page.click('#person-save');
  await page.locator('#people tr[data-person="张三"]').waitFor();
  assert.doesNotMatch(await page.locator('#people tr[data-person="张三"]').innerText(), /历年账户/);
  // a resident has no account: no field
  await page.fill('#person-name', '李四');
  await page.selectOption('#person-sex', 'female');
  await page.selectOption('#person-region', '310100');
  await page.selectOption('#person-insurance', 'resident');
  await page.locator('#person-account').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#person-history').count(), 0);
  await page.click('#person-save');
  await page.locator('#people tr[data-person="李四"]').waitFor();
  await page.selectOption('#relation-person', '李四');
  await page.selectOption('#relation-of', '张三');
  await page.selectOption('#relation-kind', 'parent');
  await page.click('#relation-save');
  await page.locator('#relations li', { hasText: '李四是张三的母亲' }).waitFor();
  await nav(page, 'bindings');
  await page.selectOption('#bind-authorizer', '张三');
  await page.selectOption('#bind-beneficiary', '李四');
  await page.locator('#bind-verdict[data-allowed="true"]').waitFor();
  await page.click('#bind-save');
  await page.locator('#bindings li', { hasText: '张三 → 李四' }).waitFor();
});

test('without the 历年账户 the bill says so and 张三 pays nothing', async () => {
  await bill();
  // said where the family reads, not folded under 依据
  await page.locator('#bill-explain > p.lead', { hasText: unknownSentence }).waitFor();
  assert.equal(await page.locator('#bill-cash').innerText(), '300.00 元');
  const his = page.locator('#bill-lines li[data-payer="张三"]');
  if (await his.count()) assert.match(await his.innerText(), /0\.00 元/);
  await shot(page, 'history-unknown');
});

test('the family fills 历年账户 200 in 张三\'s edit form; the same bill pays 200 from him, 100 cash', async () => {
  await nav(page, 'family');
  await page.selectOption('#edit-person', '张三');
  await page.locator('#edit-history').waitFor();
  assert.equal(await page.locator('#edit-history').inputValue(), '');
  assert.equal(await page.locator('#edit-account').inputValue(), '1000.00');
  assert.match(await page.locator('#edit-history-hint').innerText(), /在上海只有历年账户能为家人支付/);
  await page.fill('#edit-history', '-200');
  await page.click('#edit-save');
  await page.locator('#edit-history-error').waitFor();
  await page.fill('#edit-history', '200');
  await page.click('#edit-save');
  await page.locator('#edit-saved').waitFor();
  assert.equal(await page.locator('#edit-history-error').count(), 0);
  assert.match(await page.locator('#people tr[data-person="张三"]').innerText(), /1000\.00 元 · 其中历年账户 200\.00 元/);

  await bill();
  await page.locator('#bill-lines li[data-payer="张三"]', { hasText: '200.00 元' }).waitFor();
  assert.equal(await page.locator('#bill-cash').innerText(), '100.00 元');
  assert.doesNotMatch(await page.locator('#bill-explain').textContent(), unknownSentence);
  assert.match(await page.locator('#bill-explain').textContent(), /张三的历年账户余额200\.00 元/);
  await page.click('#bill-save');
  await page.locator('#bill-saved').waitFor();

  await nav(page, 'ledger');
  const row = page.locator('#people tr[data-person="张三"]');
  await row.waitFor();
  assert.match(await row.innerText(), /800\.00 元/);
  assert.match(await row.innerText(), /其中历年账户 0\.00 元/); // paid from the 历年账户 only
  await shot(page, 'history-paid');
  assert.deepEqual(errors, []);
});
