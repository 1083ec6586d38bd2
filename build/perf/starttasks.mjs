// starttasks.mjs URL [READY]: one fresh load of URL in headless Chromium at 4x CPU (CDP
// throttling, as a slow phone), and every main-thread task over 50 ms until READY (a CSS
// selector; Gongji's client marker by default, "h1" for the go-app hello) with what took the
// time inside it: the wasm's decode (wasm.OnBytesReceived), its lazy compile
// (wasm.CompileLazy), Go's run (FunctionCall wasm_exec.js), layout. The last line is the sum
// of each task's time over 50 ms, the measure Lighthouse's total blocking time adds up; the
// line before it the layout shift and the largest-contentful-paint candidates. Each
// task shows its thread time too: the CPU the renderer's thread used, which a busy machine
// stretches less than the wall time (CDP's throttling is wall time the thread is held).
// Not part of `make test`; run it beside the hello and compare in one sitting (the machine's
// load moves both). Example:
//   node build/perf/starttasks.mjs http://127.0.0.1:8080/
//   node build/perf/starttasks.mjs http://127.0.0.1:8090/ h1
import { slowPhone } from './slowphone.mjs';

const url = process.argv[2];
const ready = process.argv[3] || '#wasm-status[data-status="ready"]';
const { page, cdp, events, done, rate, close } = await slowPhone('starttasks');
await cdp.send('Tracing.start', {
  transferMode: 'ReportEvents',
  categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.wasm,disabled-by-default-v8.wasm.detailed',
});
// the layout shifts and the largest-contentful-paint candidates, as Lighthouse reads them
await page.addInitScript(() => {
  window.__shifts = [];
  window.__lcp = [];
  new PerformanceObserver((l) => window.__shifts.push(...l.getEntries().map((e) => e.value)))
    .observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => window.__lcp.push(...l.getEntries().map((e) =>
    `${Math.round(e.startTime)} ms ${e.element ? e.element.tagName + (e.element.id ? '#' + e.element.id : '') + (e.element.className ? '.' + e.element.className : '') : '?'}`)))
    .observe({ type: 'largest-contentful-paint', buffered: true });
});
await page.goto(url);
await page.locator(ready).waitFor({ state: 'attached', timeout: 120000 });
const readyAt = await page.evaluate(() => performance.now());
await page.waitForTimeout(2000);
const paints = await page.evaluate(() => ({ shifts: window.__shifts, lcp: window.__lcp }));
await cdp.send('Tracing.end');
await done;
await close();

// the main thread of the page's renderer: the one that parsed the page (another renderer's,
// a browser page's, would mix its tasks in)
const pagePids = new Set(events.filter((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.startsWith(url)).map((e) => e.pid));
const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' && pagePids.has(e.pid)).map((e) => e.pid + ':' + e.tid));
const onMain = events.filter((e) => main.has(e.pid + ':' + e.tid) && e.ph === 'X');
const start = Math.min(...onMain.map((e) => e.ts));
let blocking = 0;
console.log(`ready at ${Math.round(readyAt)} ms (CPU ${rate}x)`);
// MIN=10 lists the tasks over 10 ms too (the sum still counts what is over 50 ms)
const min = Number(process.env.MIN || 50);
for (const t of onMain.filter((e) => e.name === 'RunTask' && e.dur > min * 1000)) {
  blocking += Math.max(0, t.dur / 1000 - 50);
  const inside = new Map();
  for (const e of onMain) {
    if (e !== t && e.name !== 'RunTask' && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > (process.env.ALL ? 0 : 2000)) {
      let k = e.name;
      if (e.args?.data?.url) k += ' ' + e.args.data.url.split('/').pop();
      inside.set(k, (inside.get(k) || 0) + e.dur / 1000);
    }
  }
  const top = [...inside.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ');
  // tdur is the thread's own time (CPU), which the machine's other load does not stretch
  console.log(`task at ${Math.round((t.ts - start) / 1000)} ms: ${Math.round(t.dur / 1000)} ms, thread ${Math.round((t.tdur || 0) / 1000)} ms  (${top})`);
}
console.log(`layout shift ${paints.shifts.reduce((a, b) => a + b, 0).toFixed(4)} (${paints.shifts.length} entries); largest contentful paint: ${paints.lcp.join(', ')}`);
console.log(`time over 50 ms, summed: ${Math.round(blocking)} ms`);
