// End to end: two tabs of the app on one device share one saved document and one queue, so
// only one of them writes (the Web Locks API). The second tab shows the family, says why it
// cannot save, and writes nothing; once the first tab is closed, a reload makes it the writer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, ready, shot, watchErrors } from './harness.mjs';

let server, ctx;
const errors = [];

before(async () => {
  server = await startServer();
  ctx = await launch();
});

after(async () => {
  await ctx?.close();
  await server?.stop();
});

test('a second tab only shows the family; closing the first makes it the writer', async () => {
  const first = await ctx.newPage();
  watchErrors(first, errors);
  await first.goto(server.url + '/');
  await ready(first);
  await first.fill('#person-name', '张三');
  await first.selectOption('#person-region', '330100'); // the first member's region is asked
  await first.selectOption('#person-insurance', 'employee');
  await first.fill('#person-account', '1000');
  await first.click('#person-save');
  await first.locator('#people tr[data-person="张三"]').waitFor();
  assert.equal(await first.locator('#tab-elsewhere').count(), 0);

  const second = await ctx.newPage();
  watchErrors(second, errors);
  await second.goto(server.url + '/');
  await ready(second);
  await second.locator('#tab-elsewhere').waitFor();
  await second.locator('#people tr[data-person="张三"]').waitFor(); // it reads what the first saved
  await second.fill('#person-name', '王芳');
  await second.selectOption('#person-insurance', 'resident');
  await second.click('#person-save');
  await second.locator('form .error', { hasText: '另一个标签页' }).first().waitFor();
  await shot(second, 'tab-elsewhere');

  // the first tab still writes, and nothing of the second reached the saved document
  await first.fill('#person-name', '李四');
  await first.selectOption('#person-insurance', 'resident');
  await first.click('#person-save');
  await first.locator('#people tr[data-person="李四"]').waitFor();
  const saved = await first.evaluate(() => localStorage.getItem('gongji.v1'));
  assert.ok(saved.includes('李四') && !saved.includes('王芳'), 'the second tab wrote to the saved document');

  await first.close();
  await second.reload();
  await ready(second);
  await second.locator('#people tr[data-person="李四"]').waitFor();
  await second.waitForTimeout(500);
  assert.equal(await second.locator('#tab-elsewhere').count(), 0);
  assert.deepEqual(errors, []);
});
