// End to end, issue 12: a bill, its settlement slip pasted from the national app that says
// relatives' accounts paid less than predicted, the explanation read, the slip saved; the
// ledger then shows the slip's amounts and the year summary follows. Then a monthly credit
// and a balance check on the ledger.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, shot, watchErrors, nav, addPerson } from './harness.mjs';

let server, ctx, page;
const errors = [];

before(async () => {
  server = await startServer();
  ctx = await launch();
  page = await ctx.newPage();
  watchErrors(page, errors);
});

after(async () => {
  await ctx?.close();
  await server?.stop();
});


test('slip: a bill, a slip that differs, its explanation, saved as the truth', async () => {
  await page.goto(server.url + '/');
  await ready(page);
  await addPerson(page, '张三', 'employee', '1000');
  await addPerson(page, '王芳', 'resident');
  await page.selectOption('#relation-person', '王芳');
  await page.selectOption('#relation-of', '张三');
  await page.selectOption('#relation-kind', 'parent');
  await page.click('#relation-save');
  await nav(page, 'bindings');
  await page.selectOption('#bind-authorizer', '张三');
  await page.selectOption('#bind-beneficiary', '王芳');
  await page.locator('#bind-verdict[data-allowed="true"]').waitFor();
  await page.click('#bind-save');
  await page.locator('#bindings li', { hasText: '张三 → 王芳' }).waitFor();

  await nav(page, 'bill');
  await page.selectOption('#bill-patient', '王芳');
  await page.fill('#bill-policy', '80');
  await page.locator('#bill-lines li[data-source="mutual_aid"]').waitFor();
  await page.click('#bill-save');
  await page.locator('#bill-saved').waitFor();

  // a line that cannot be read is named
  await page.fill('#slip-text', '医疗费总额：八十元');
  await page.locator('#slip-text-error', { hasText: '第1行' }).waitFor();

  await page.fill('#slip-text', [
    '结算记录', '医疗费总额：80.00元', '基金支付总额：0.00元', '个人账户支出：50.00元',
    '共济账户支付：50.00元', '个人现金支出：30.00元', '余额：0.00元'].join('\n'));
  await page.locator('#slip-explain').waitFor();
  const explained = await page.locator('#slip-explain').textContent(); // rule ids under 依据 (issue 19)
  assert.match(explained, /RC1/); // the reading: acct_mulaid_pay inside acct_pay
  assert.match(explained, /RC5/); // relatives' accounts paid less
  assert.match(await page.locator('#slip-cash').innerText(), /30\.00 元/);
  assert.match(await page.locator('#slip-lines').innerText(), /张三[\s\S]*50\.00 元/);
  await shot(page, '20-slip-explained');
  await page.click('#slip-save');
  await page.locator('#slip-saved').waitFor();

  await nav(page, 'ledger');
  await page.locator('#bills > li').first().waitFor();
  assert.match(await page.locator('#people').innerText(), /950\.00 元/);
  await page.locator('#year-flows li', { hasText: /张三 → 王芳 · 共济支付 50\.00 元/ }).waitFor();
  await shot(page, '21-ledger-after-slip');

  // a monthly credit and a balance check
  await page.selectOption('#credit-person', '张三');
  await page.fill('#credit-amount', '150');
  await page.fill('#credit-day', '40');
  await page.click('#credit-save');
  await page.locator('#credit-day-error').waitFor();
  // a day other than today (UTC+8): nothing is due yet
  const today = new Date(Date.now() + 8 * 3600e3).getUTCDate();
  await page.fill('#credit-day', String(today === 28 ? 27 : 28));
  await page.click('#credit-save');
  await page.locator('#credit-list li[data-person="张三"]').waitFor();
  await page.selectOption('#checkpoint-person', '张三');
  await page.fill('#checkpoint-balance', '940.00');
  await page.click('#checkpoint-save');
  await page.locator('#checkpoint-list li', { hasText: '相差 -10.00 元' }).waitFor();
  await shot(page, '22-ledger-credits-checks');
});

// issue 21: a slip that differs because the patient's 医保钱包 paid is explained by that fact,
// with the wallet's amount; no balance adjustment is offered for a resident's account, which
// does not exist. Screenshot: slip-wallet.png.
test('slip: the wallet paid, said as a fact; nothing to adjust on an account that does not exist', async () => {
  await nav(page, 'family');
  await page.locator('#people tr[data-person="张三"]').waitFor(); // the page the app drew, not a first screen
  await page.fill('#person-name', '王秀英');
  await page.selectOption('#person-region', '330100');
  await page.selectOption('#person-insurance', 'resident');
  // the account field goes for a resident: the box below takes its place and must still
  // write its own field (go-app kept the previous element's handler without a scope)
  await page.check('#person-wallet-open');
  assert.equal(await page.isChecked('#person-retired'), false, 'ticking 医保钱包 ticked 已退休');
  await page.fill('#person-wallet', '220');
  await page.click('#person-save');
  await page.locator('#people tr[data-person="王秀英"]').waitFor();
  await page.selectOption('#relation-person', '王秀英');
  await page.selectOption('#relation-of', '张三');
  await page.selectOption('#relation-kind', 'parent');
  await page.click('#relation-save');
  await nav(page, 'bindings');
  await page.selectOption('#bind-authorizer', '张三');
  await page.selectOption('#bind-beneficiary', '王秀英');
  await page.locator('#bind-verdict[data-allowed="true"]').waitFor();
  await page.click('#bind-save');
  await page.locator('#bindings li', { hasText: '张三 → 王秀英' }).waitFor();

  await nav(page, 'bill');
  await page.selectOption('#bill-patient', '王秀英');
  await page.fill('#bill-policy', '300');
  await page.locator('#bill-lines li[data-source="mutual_aid"]').waitFor();
  await page.click('#bill-save');
  await page.locator('#bill-saved').waitFor();
  await page.fill('#slip-text', [
    '结算记录', '医疗费总额：300.00元', '基金支付总额：0.00元', '个人账户支出：0.00元',
    '共济账户支付：300.00元', '个人现金支出：0.00元', '余额：0.00元'].join('\n'));
  await page.locator('#slip-explain').waitFor();
  const explained = await page.locator('#slip-explain').textContent(); // all of it, 依据 too (issue 19)
  assert.match(explained, /王秀英的医保钱包付了220\.00 元/);
  assert.doesNotMatch(explained, /家人的账户余额可能比记录的多/);
  assert.equal(await page.locator('#slip-adjust').count(), 0, 'no adjustment of an account a resident does not have');
  assert.match(await page.locator('#slip-lines').innerText(), /王秀英[\s\S]*220\.00 元[\s\S]*张三[\s\S]*80\.00 元/);
  await shot(page, 'slip-wallet');
  await page.click('#slip-save');
  await page.locator('#slip-saved').waitFor();
});

test('slip: no page errors', () => {
  assert.deepEqual(errors, []);
});
