// startcompare.mjs RUNS URL... : starttasks.mjs on each URL in turn, RUNS rounds (interleaved,
// so the machine's load moves every side alike), then per URL the median and range of:
// - the blocking-time sum (each task's time over 50 ms, as starttasks.mjs sums it);
// - its part in the tasks that instantiate the wasm or run Go (Go's), also counted in thread
//   time (each of those tasks' thread time over 50 ms), which a machine busy with other work
//   stretches less than the wall time;
// - Go's start: the first of those tasks (the browser's instantiation and Go's runtime and
//   package init up to main's first yield; one task or, with app.js's yield, two: both);
// - the longest Go task after it (the first render and mount), wall and thread time;
// - when the page was ready (the client's marker).
// Not part of `make test`.
//   node build/perf/startcompare.mjs 7 http://127.0.0.1:8191/ http://127.0.0.1:8192/
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [runs, ...urls] = process.argv.slice(2);
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'starttasks.mjs');
const keys = ['sum', 'goSum', 'goThreadSum', 'start', 'render', 'renderThread', 'ready'];
const got = new Map(urls.map((u) => [u, Object.fromEntries(keys.map((k) => [k, []]))]));
for (let r = 0; r < Number(runs); r++) {
  for (const u of urls) {
    const out = execFileSync('node', [script, u], { encoding: 'utf8', env: { ...process.env, MIN: '20' } });
    const g = got.get(u);
    const v = { sum: Number(out.match(/summed: (\d+) ms/)[1]), ready: Number(out.match(/ready at (\d+) ms/)[1]),
      goSum: 0, goThreadSum: 0, start: 0, render: 0, renderThread: 0 };
    let seen = 0; // Go's tasks so far: the instantiation, then Go's init (its own task or not)
    for (const m of out.matchAll(/task at \d+ ms: (\d+) ms, thread (\d+) ms {2}\((.*)\)/g)) {
      const [dur, thread, inside] = [Number(m[1]), Number(m[2]), m[3]];
      const instantiates = inside.includes('wasm.FinishAsyncCompile') || inside.includes('wasm.OnCompilationSucceeded');
      const runsGo = inside.includes('FunctionCall wasm_exec.js') || inside.includes('wasm.CompileLazy');
      if (!instantiates && !runsGo) continue;
      v.goSum += Math.max(0, dur - 50);
      v.goThreadSum += Math.max(0, thread - 50);
      if (instantiates || seen === 0 || (seen === 1 && !inside.includes('FunctionCall wasm_exec.js'))) {
        v.start += dur; // the instantiation, and Go's init when app.js runs it in a task of its own
      } else if (dur > v.render) {
        v.render = dur;
        v.renderThread = thread;
      }
      seen++;
    }
    for (const k of keys) g[k].push(v[k]);
    console.log(`round ${r + 1} ${u}: sum ${v.sum}, Go's ${v.goSum} (thread ${v.goThreadSum}), start ${v.start}, longest later Go task ${v.render} (thread ${v.renderThread}), ready ${v.ready}; load ${os.loadavg()[0].toFixed(2)}`);
  }
}
const med = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return `${s[Math.floor(s.length / 2)]} (${s[0]}-${s.at(-1)})`;
};
for (const [u, g] of got) {
  console.log(`${u}: blocking sum ${med(g.sum)}, of it Go's ${med(g.goSum)}, in thread time ${med(g.goThreadSum)}; start ${med(g.start)}; longest later Go task ${med(g.render)}, thread ${med(g.renderThread)}; ready ${med(g.ready)} ms`);
}
