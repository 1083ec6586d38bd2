// startcompare.mjs RUNS URL... : starttasks.mjs on each URL in turn, RUNS rounds (interleaved,
// so the machine's load moves every side alike), then per URL the median and range of: the
// blocking-time sum (each task's time over 50 ms) and its part in the tasks that instantiate
// the wasm or run Go, the longest task that runs Go (FunctionCall
// wasm_exec.js: the first render and mount) in wall and thread time, and the instantiation
// task (the wasm's compile and Go's runtime and package init). Go's part is also counted in
// thread time (each task's thread time over 50 ms; starttasks lists the tasks over 50 ms of
// wall time), which a machine busy with other work stretches less. Not part of `make test`.
//   node build/perf/startcompare.mjs 7 http://127.0.0.1:8191/ http://127.0.0.1:8192/
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [runs, ...urls] = process.argv.slice(2);
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'starttasks.mjs');
const got = new Map(urls.map((u) => [u, { sum: [], goSum: [], goThreadSum: [], go: [], goThread: [], init: [], ready: [] }]));
for (let r = 0; r < Number(runs); r++) {
  for (const u of urls) {
    const out = execFileSync('node', [script, u], { encoding: 'utf8' });
    const g = got.get(u);
    g.sum.push(Number(out.match(/summed: (\d+) ms/)[1]));
    g.ready.push(Number(out.match(/ready at (\d+) ms/)[1]));
    let go = [0, 0];
    let init = 0;
    let goSum = 0;
    let goThreadSum = 0;
    for (const m of out.matchAll(/task at \d+ ms: (\d+) ms, thread (\d+) ms {2}\((.*)\)/g)) {
      const [dur, thread, inside] = [Number(m[1]), Number(m[2]), m[3]];
      const runsGo = inside.includes('FunctionCall wasm_exec.js') || inside.includes('wasm.CompileLazy');
      const instantiates = inside.includes('wasm.FinishAsyncCompile') || inside.includes('wasm.OnCompilationSucceeded');
      if (runsGo && dur > go[0]) go = [dur, thread];
      if (instantiates) init = Math.max(init, dur);
      if (runsGo || instantiates) {
        goSum += Math.max(0, dur - 50);
        goThreadSum += Math.max(0, thread - 50);
      }
    }
    g.goSum.push(goSum);
    g.goThreadSum.push(goThreadSum);
    g.go.push(go[0]);
    g.goThread.push(go[1]);
    g.init.push(init);
    console.log(`round ${r + 1} ${u}: sum ${g.sum.at(-1)}, Go's ${goSum} (thread ${goThreadSum}), longest Go task ${go[0]} (thread ${go[1]}), instantiation ${init}, ready ${g.ready.at(-1)}; load ${os.loadavg()[0].toFixed(2)}`);
  }
}
const med = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return `${s[Math.floor(s.length / 2)]} (${s[0]}-${s.at(-1)})`;
};
for (const [u, g] of got) {
  console.log(`${u}: blocking sum ${med(g.sum)}, of it the instantiation's and Go's ${med(g.goSum)}, counted in thread time ${med(g.goThreadSum)}; longest Go task ${med(g.go)}, thread ${med(g.goThread)}; instantiation ${med(g.init)}; ready ${med(g.ready)} ms`);
}
