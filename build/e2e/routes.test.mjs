// End to end, issue 20: every refusal has a way forward. An invented family on a phone (390x844,
// text at 200%): 李明 employed in 广州市天河区, his mother 王秀英 with resident insurance in
// 湖南省衡阳市衡东县, his father 李建国 a retired employee in the same county. 李明's binding for
// his mother is refused (different provinces); under the refusal 「谁能为王秀英付钱」 shows the
// father's way (可以绑定) and the wallet's answer for 李明 (Guangdong has not opened it: 不能); one
// tap fills in the father's binding, which is allowed and saved. Her own page says the same.
// Nothing scrolls sideways; axe-core finds nothing critical or serious. Screenshots (whole
// page, and -view: the routes section alone): routes-person-page(-view).png,
// routes-refused-bind(-view).png, routes-refused-bind-basis.png, routes-father-bound.png,
// routes-person-page-bound.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { onPhone, ready, shot, shots, nav, assertAxeClean } from './harness.mjs';

let server, page, phone;
const errors = [];

before(async () => {
  // axe-core is injected as an inline script, which the CSP refuses (csp.test.mjs checks it)
  phone = await onPhone(errors, { bypassCSP: true });
  ({ server, page } = phone);
});

after(() => phone?.close());

// zoom puts the text at 200% (CSS zoom 2, as phone.test.mjs does); in-app navigation keeps it.
async function zoom() {
  await page.evaluate(() => { document.documentElement.style.zoom = '2'; });
}

// fits fails when the page scrolls sideways.
async function fits(label) {
  const m = await page.evaluate(() => {
    const d = document.scrollingElement;
    return { scroll: d.scrollWidth, client: d.clientWidth };
  });
  assert.ok(m.scroll <= m.client, `${label}: scrollWidth ${m.scroll} > clientWidth ${m.client}`);
}

// What a parent must never read outside 依据: a region code, a machine date, a reason code, a
// rule id, a field path.
function assertReadable(text, where) {
  for (const [what, re] of [['a six-digit code', /\d{6}/], ['a machine date', /\d{4}-\d{2}-\d{2}/],
    ['a reason code', /[A-Z][A-Z0-9]+_[A-Z0-9_]+/], ['a rule id', /\b(RT1?|[BW]\d+|SZ\d+)\b/],
    ['a field path', /\b(action|args)\.[a-z]/], ['a JavaScript error', /TypeError|undefined|Failed to fetch/]]) {
    const m = text.match(re);
    assert.equal(m, null, `${where} shows ${what}: ${m && m[0]}`);
  }
}

// readable is a routes view's text without its folded 依据.
async function readable(sel) {
  return page.locator(sel).evaluate((el) => {
    const c = el.cloneNode(true);
    c.querySelectorAll('.route-basis').forEach((d) => d.remove());
    document.body.appendChild(c);
    const t = c.innerText;
    c.remove();
    return t;
  });
}

async function addPerson({ name, province, city, county, full, insurance, account, retired }) {
  await page.fill('#person-name', name);
  await page.selectOption('#person-region-province', province);
  await page.selectOption('#person-region-city', city);
  await page.selectOption('#person-region-county', county);
  await page.locator('#person-region-name', { hasText: full }).waitFor();
  await page.selectOption('#person-insurance', insurance);
  if (account) await page.fill('#person-account', account);
  if (retired) await page.check('#person-retired');
  await page.click('#person-save');
  await page.locator(`#people tr[data-person="${name}"]`).waitFor();
}

async function relate(person, of, kind) {
  await page.selectOption('#relation-person', person);
  await page.selectOption('#relation-of', of);
  await page.selectOption('#relation-kind', kind);
  await page.click('#relation-save');
}

test('the family: 李明 in 广州市天河区, 王秀英 and 李建国 in 湖南省衡阳市衡东县', async () => {
  await page.goto(server.url + '/');
  await ready(page);
  await zoom();
  await addPerson({ name: '李明', province: '440000', city: '440100', county: '440106', full: '广东省广州市天河区',
    insurance: 'employee', account: '3000' });
  await addPerson({ name: '王秀英', province: '430000', city: '430400', county: '430424', full: '湖南省衡阳市衡东县',
    insurance: 'resident' });
  await addPerson({ name: '李建国', province: '430000', city: '430400', county: '430424', full: '湖南省衡阳市衡东县',
    insurance: 'employee', account: '2000', retired: true });
  await relate('王秀英', '李明', 'parent');
  await relate('李建国', '李明', 'parent');
  await relate('王秀英', '李建国', 'spouse');
  await page.locator('#relations li', { hasText: '王秀英是李建国的配偶' }).waitFor();
});

test('her page before anything is bound: the father can bind, the son cannot; a tap opens his binding', async () => {
  await page.selectOption('#edit-person', '王秀英');
  const routes = page.locator('#person-routes');
  await routes.waitFor();
  assert.equal(await page.locator('#person-routes-title').innerText(), '谁能为王秀英付钱');
  assert.equal(await routes.locator('li.route[data-person="李建国"]').getAttribute('data-way'), 'can_bind');
  assert.equal(await routes.locator('li.route[data-person="李明"]').getAttribute('data-way'), 'none');
  assertReadable(await readable('#person-routes'), 'her page');
  await fits('her page');
  await assertAxeClean(page, 'her page at 390x844, 200%');
  await routes.scrollIntoViewIfNeeded();
  await shot(page, 'routes-person-page');
  await routes.screenshot({ path: path.join(shots, 'routes-person-page-view.png') });
  // a tap on her page opens the bindings screen with the father's binding filled in
  await routes.locator('button.route-start[data-person="李建国"]').click();
  await page.locator('#bind-verdict[data-allowed="true"]').waitFor();
  assert.equal(await page.locator('#bind-authorizer').inputValue(), '李建国');
  assert.equal(await page.locator('#bind-beneficiary').inputValue(), '王秀英');
});

test('the refused binding shows who can pay for her: the father can bind, the wallet cannot', async () => {
  await page.selectOption('#bind-authorizer', '李明');
  await page.selectOption('#bind-beneficiary', '王秀英');
  await page.locator('#bind-verdict[data-allowed="false"]').waitFor();
  const routes = page.locator('#bind-routes');
  await routes.waitFor();
  assert.equal(await page.locator('#bind-routes-title').innerText(), '谁能为王秀英付钱');
  const father = routes.locator('li.route[data-person="李建国"]');
  assert.equal(await father.getAttribute('data-way'), 'can_bind');
  assert.match(await father.innerText(), /李建国：\s*可以绑定[\s\S]*今天就可以为王秀英办理家庭共济绑定/);
  const son = routes.locator('li.route[data-person="李明"]');
  assert.equal(await son.getAttribute('data-way'), 'none');
  const sonText = await son.innerText();
  assert.match(sonText, /李明：\s*不能/);
  assert.match(sonText, /须在同一省份参保/);
  assert.match(sonText, /广东省在2026年12月\d+日还没有开通医保钱包/);
  assertReadable(await readable('#bind-routes'), 'the routes under the refusal');
  await fits('the refused binding');
  await assertAxeClean(page, 'the refused binding at 390x844, 200%');
  await routes.scrollIntoViewIfNeeded();
  await shot(page, 'routes-refused-bind');
  await routes.screenshot({ path: path.join(shots, 'routes-refused-bind-view.png') });
  // 依据: the rules and their sources, folded
  await son.locator('details.route-basis summary').click();
  const basis = await son.locator('details.route-basis').innerText();
  assert.match(basis, /B4[\s\S]*来源/);
  assert.match(basis, /W1[\s\S]*来源/);
  await fits('依据 open');
  await assertAxeClean(page, '依据 open');
  await shot(page, 'routes-refused-bind-basis');
});

test('one tap fills in the father\'s binding; it is allowed and saved', async () => {
  await page.locator('#bind-routes button.route-start[data-person="李建国"]').click();
  await page.locator('#bind-verdict[data-allowed="true"]').waitFor();
  assert.equal(await page.locator('#bind-authorizer').inputValue(), '李建国');
  assert.equal(await page.locator('#bind-beneficiary').inputValue(), '王秀英');
  assert.ok(await page.locator('#scope-medical').isChecked());
  assert.equal(await page.locator('#bind-routes').count(), 0);
  await fits('the father\'s binding');
  await page.click('#bind-save');
  await page.locator('#bindings li', { hasText: '李建国 → 王秀英' }).waitFor();
  await shot(page, 'routes-father-bound');
});

test('her page once the father\'s binding is in force: 已绑定', async () => {
  await nav(page, 'family');
  await page.selectOption('#edit-person', '王秀英');
  const routes = page.locator('#person-routes');
  await routes.waitFor();
  assert.equal(await page.locator('#person-routes-title').innerText(), '谁能为王秀英付钱');
  assert.equal(await routes.locator('li.route[data-person="李建国"]').getAttribute('data-way'), 'bound');
  assert.match(await routes.locator('li.route[data-person="李建国"]').innerText(), /已绑定/);
  assert.equal(await routes.locator('li.route[data-person="李明"]').getAttribute('data-way'), 'none');
  assertReadable(await readable('#person-routes'), 'her page, bound');
  await fits('her page, bound');
  await assertAxeClean(page, 'her page, bound');
  await routes.scrollIntoViewIfNeeded();
  await shot(page, 'routes-person-page-bound');
});

test('no page errors', () => {
  assert.deepEqual(errors, []);
});
