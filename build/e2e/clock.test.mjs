// End to end: a family kept only on the phone (仅本机, no server) keeps its own clock. A wallet
// transfer sent at 21:50 and not accepted goes back at 06:00 by itself: at 06:05 the wallet
// screen shows it refunded, the money is back with the sender, and the reminder no longer says
// it waits. The browser's clock is Playwright's, so 06:00 comes in a second.
// Screenshots: clock-before-0600.png, clock-after-0600.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, shot, watchErrors, nav, addPerson } from './harness.mjs';

let server, ctx, page;
const errors = [];

before(async () => {
  server = await startServer(); // serves the app only: this family never syncs
  ctx = await launch();
  page = await ctx.newPage();
  watchErrors(page, errors);
  await page.clock.install({ time: new Date('2026-12-06T21:40:00+08:00') });
});

after(async () => {
  await ctx?.close();
  await server?.stop();
  assert.deepEqual(errors, []);
});


test('a family kept only on the phone gets its 06:00 refund from the phone', async () => {
  await page.goto(server.url + '/');
  await ready(page);
  await addPerson(page, '李明', 'employee', '3000');
  await addPerson(page, '王秀英', 'resident', '', true);
  await page.selectOption('#relation-person', '王秀英');
  await page.selectOption('#relation-of', '李明');
  await page.selectOption('#relation-kind', 'parent');
  await page.click('#relation-save');

  await page.clock.setFixedTime(new Date('2026-12-06T21:50:00+08:00'));
  await nav(page, 'wallet');
  await page.selectOption('#wallet-from', '李明');
  await page.selectOption('#wallet-to', '王秀英');
  await page.fill('#wallet-amount', '300');
  await page.click('#wallet-send');
  await page.locator('#transfers li[data-state="pending"]').waitFor();
  await page.locator('#transfers li[data-state="pending"] button.accept').waitFor();
  await shot(page, 'clock-before-0600');

  // 06:05 the next morning, nobody touched the phone in between
  await page.clock.setFixedTime(new Date('2026-12-07T06:05:00+08:00'));
  await nav(page, 'reminders');
  await nav(page, 'wallet');
  await page.locator('#transfers li[data-state="refunded"]').waitFor();
  assert.equal(await page.locator('#transfers li[data-state="pending"]').count(), 0);
  assert.equal(await page.locator('#transfers button.accept').count(), 0, 'nothing left to accept');
  await nav(page, 'reminders');
  assert.equal(await page.locator('#reminders li[data-kind="accept_transfer"], #reminders li[data-kind="refund_due"]').count(), 0,
    'no reminder says it waits or can be refunded');
  await nav(page, 'family');
  assert.match(await page.locator('#people tr[data-person="李明"]').innerText(), /3000\.00 元/, 'the money is back');
  await nav(page, 'wallet');
  await shot(page, 'clock-after-0600');

  // a reload at 06:10 shows the same, once: the refund is one item, not made again
  await page.clock.setFixedTime(new Date('2026-12-07T06:10:00+08:00'));
  await page.reload();
  await ready(page);
  await nav(page, 'wallet');
  await page.locator('#transfers li[data-state="refunded"]').waitFor();
  assert.equal(await page.locator('#transfers li').count(), 1);
});
