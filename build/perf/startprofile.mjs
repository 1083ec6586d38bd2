// startprofile.mjs URL [READY]: what the main-thread tasks of a fresh load spend their time
// in, at 4x CPU (as starttasks.mjs), from V8's sampling profiler. Run it against a wasm built
// without -s -w (so the functions keep their names), e.g.
//   GOOS=js GOARCH=wasm go build -trimpath -tags gongji_lean -gcflags=all=-l -o DIR/app.wasm ./app/cmd/wasm
// served with GONGJI_WEB_DIR=DIR. For each task over MIN ms (30 by default) in time order, the
// TOP functions (12 by default) with the most time inside it, with what they call (Go's
// runtime and the wasm glue left out); DETAIL=1 lists self times too; FOCUS=name counts only
// what runs below that function's outermost call. Not part of `make test`.
import { slowPhone } from './slowphone.mjs';

const url = process.argv[2];
const ready = process.argv[3] || '#wasm-status[data-status="ready"]';
const top = Number(process.env.TOP || 12);
const min = Number(process.env.MIN || 30);
const focus = process.env.FOCUS; // a function's name: what its calls spend, counting from it
const { page, cdp, events, done, close } = await slowPhone('startprofile');
await cdp.send('Tracing.start', { transferMode: 'ReportEvents', categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel' });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env.INTERVAL || 250) });
await cdp.send('Profiler.start');
await page.goto(url);
await page.locator(ready).waitFor({ state: 'attached', timeout: 120000 });
await page.waitForTimeout(1500);
const { profile } = await cdp.send('Profiler.stop');
await cdp.send('Tracing.end');
await done;
await close();

// the main thread of the page's renderer: the one that parsed the page (another renderer's,
// a browser page's, would mix its tasks in)
const pagePids = new Set(events.filter((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.startsWith(url)).map((e) => e.pid));
const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' && pagePids.has(e.pid)).map((e) => e.pid + ':' + e.tid));
const tasks = events.filter((e) => main.has(e.pid + ':' + e.tid) && e.ph === 'X' && e.name === 'RunTask');
const start = Math.min(...tasks.map((e) => e.ts));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'program'})`;
// RUNTIME=1 keeps Go's runtime in the totals (its garbage collection: gcAssistAlloc, gcDrain)
const glue = process.env.RUNTIME ? /^(\(root\)|\(wasm_exec\.js\)|js-to-wasm|wasm-to-js|_resume|run|wasm_pc_f_loop|wasm_export_resume|wasm_export_run)$/
  : /^(\(root\)|\(wasm_exec\.js\)|\(program\)|js-to-wasm|wasm-to-js|_resume|run|wasm_pc_f_loop|wasm_export_resume|wasm_export_run|runtime\.)/;
const samples = [];
let ts = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  ts += profile.timeDeltas[i];
  samples.push([ts, profile.samples[i], (profile.timeDeltas[i + 1] ?? 0) / 1000]);
}
const show = (m, title) => {
  console.log(`  -- ${title}`);
  for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
};
for (const t of tasks.filter((e) => e.dur > min * 1000).sort((a, b) => a.ts - b.ts)) {
  const self = new Map();
  const total = new Map();
  let inTask = 0;
  for (const [at, leaf, dt] of samples) {
    if (at < t.ts || at > t.ts + t.dur) continue;
    inTask += dt;
    let id = leaf;
    if (focus) { // only what runs below a call of FOCUS, counted from there down
      const stack = [];
      for (let j = id; j !== undefined; j = parent.get(j)) stack.push(j);
      const f = stack.findLastIndex((j) => name(byId.get(j)) === focus);
      if (f < 0) continue;
      stack.length = f + 1;
      const seen = new Set();
      for (const j of stack) {
        const k = name(byId.get(j));
        if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) || 0) + dt); }
      }
      continue;
    }
    const n = byId.get(id);
    self.set(name(n), (self.get(name(n)) || 0) + dt);
    const seen = new Set();
    while (id !== undefined) {
      const k = name(byId.get(id));
      if (!seen.has(k) && !glue.test(k)) {
        seen.add(k);
        total.set(k, (total.get(k) || 0) + dt);
      }
      id = parent.get(id);
    }
  }
  console.log(`task at ${Math.round((t.ts - start) / 1000)} ms: ${Math.round(t.dur / 1000)} ms, ${Math.round(inTask)} ms sampled`);
  if (process.env.DETAIL) show(self, 'self ms');
  show(total, 'total ms');
}
