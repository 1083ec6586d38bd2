// End to end, at a phone's size, the afternoon correction (issue 21, item 2): on a
// family kept on the phone, 王秀英's 10:30 bill is paid through 李建国's binding, her 11:00
// bill runs out of his account (the rest in cash), and 300.00 reach her 医保钱包 at 13:02.
// Corrected at 14:30, the 10:30 bill is decided as of 10:30: 李建国 pays it again (the wallet
// had nothing then), not the wallet money of 13:02; the 11:00 bill is decided again and shows
// its split before and after; the year summary counts what 李建国 paid for her as it stands.
// The browser's clock is Playwright's. Screenshots: afternoon-before.png, afternoon-after.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, shot, watchErrors, nav, addPerson } from './harness.mjs';

let server, ctx, page;
const errors = [];

before(async () => {
  server = await startServer(); // serves the app only: this family stays on the phone
  ctx = await launch();
  page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  watchErrors(page, errors);
  await page.clock.install({ time: new Date('2026-12-06T09:00:00+08:00') });
});

after(async () => {
  await ctx?.close();
  await server?.stop();
  assert.deepEqual(errors, []);
});


async function relate(person, of, kind) {
  await page.selectOption('#relation-person', person);
  await page.selectOption('#relation-of', of);
  await page.selectOption('#relation-kind', kind);
  await page.click('#relation-save');
}

async function bill(at, total) {
  await page.clock.setFixedTime(new Date(`2026-12-06T${at}:00+08:00`));
  await nav(page, 'bill');
  await page.selectOption('#bill-patient', '王秀英');
  await page.fill('#bill-date', '2026-12-06');
  await page.fill('#bill-time', at);
  await page.fill('#bill-place', `社区卫生服务中心 ${at}`);
  await page.fill('#bill-total', total);
  await page.fill('#bill-policy', total);
  await page.click('#bill-save');
  await page.locator('#bill-saved').waitFor();
}

function money(text, who) {
  return text.match(new RegExp(`${who}[^\\n]*?([0-9,]+\\.[0-9]{2}) 元`))?.[1];
}

test('the afternoon correction is decided as of 10:30, and the 11:00 bill shows before and after', async () => {
  await page.goto(server.url + '/');
  await ready(page);
  await addPerson(page, '李明', 'employee', '3000');
  await addPerson(page, '王秀英', 'resident', '', true);
  await addPerson(page, '李建国', 'employee', '300');
  await relate('王秀英', '李明', 'parent');
  await relate('李建国', '王秀英', 'spouse');
  await nav(page, 'bindings');
  await page.selectOption('#bind-authorizer', '李建国');
  await page.selectOption('#bind-beneficiary', '王秀英');
  await page.locator('#bind-verdict[data-allowed="true"]').waitFor();
  await page.click('#bind-save');

  await bill('10:30', '200');
  await bill('11:00', '150'); // 李建国 has 100.00 left: 50.00 in cash

  // 13:00 李明 sends 300.00 to her wallet; it is accepted at 13:02
  await page.clock.setFixedTime(new Date('2026-12-06T13:00:00+08:00'));
  await nav(page, 'wallet');
  await page.selectOption('#wallet-from', '李明');
  await page.selectOption('#wallet-to', '王秀英');
  await page.fill('#wallet-amount', '300');
  await page.click('#wallet-send');
  await page.clock.setFixedTime(new Date('2026-12-06T13:02:00+08:00'));
  await page.locator('#transfers li[data-state="pending"] button.accept').click();
  await page.locator('#transfers li[data-state="accepted"]').waitFor();

  await nav(page, 'ledger');
  const eleven = page.locator('#bills li.bill', { hasText: '社区卫生服务中心 11:00' });
  assert.match(await eleven.innerText(), /50\.00 元/); // the cash part
  await shot(page, 'afternoon-before');

  // 14:30: the 10:30 receipt said 120.00
  await page.clock.setFixedTime(new Date('2026-12-06T14:30:00+08:00'));
  await page.locator('#bills li.bill', { hasText: '社区卫生服务中心 10:30' }).locator('button.amend').click();
  await page.fill('#bill-total', '120');
  await page.fill('#bill-policy', '120');
  await page.fill('#bill-reason', '收据上是120元');
  // before it is saved, the preview names the later bill it decides again, before and after
  const later = page.locator('#bill-restated li', { hasText: '社区卫生服务中心 11:00' });
  await later.waitFor();
  assert.match(await later.innerText(), /将重算/);
  assert.match(await later.innerText(), /现金 50\.00 元 → /);
  await page.click('#bill-save');

  await nav(page, 'ledger');
  const corrected = page.locator('#bills li.bill', { has: page.locator('.mark.corrected') });
  await corrected.waitFor();
  const text = await corrected.innerText();
  assert.match(text, /李建国/, 'paid again through 李建国\'s binding, as at 10:30');
  assert.doesNotMatch(text, /医保钱包/, 'not from wallet money that came at 13:02');
  assert.match(text, /收据上是120元/, 'the reason typed is shown');
  // the 11:00 bill was decided again: before and after, in words
  const restated = eleven.locator('.mark.restated');
  await restated.waitFor();
  assert.match(await restated.innerText(), /现金 50\.00 元/);
  assert.match(await restated.innerText(), /→/);
  assert.match(await eleven.locator(".split").innerText(), /现金 0\.00 元/, "no cash now");
  await page.locator('#corrections li.corrected .restated', { hasText: '社区卫生服务中心 11:00' }).waitFor();
  // 李建国: 300.00 - 120.00 - 150.00; her wallet keeps the 300.00 of 13:02
  assert.match(await page.locator('#people tr[data-person="李建国"]').innerText(), /(^|\s)30\.00 元/);
  assert.match(await page.locator('#people tr[data-person="王秀英"]').innerText(), /300\.00 元/);
  // the year summary counts what 李建国 paid for her as the bills now stand
  await page.locator('#year-flows li', { hasText: '李建国 → 王秀英 · 共济支付 270.00 元' }).waitFor();
  await shot(page, 'afternoon-after');
});
