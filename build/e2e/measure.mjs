// Start-to-interactive in headless Chromium (not a test): for each of RUNS fresh profiles,
// the cold load of / (no cache, no worker) and a reload served by the service worker, each
// until the client's ready marker, timed inside the page. Prints the medians.
import { startServer, launch, ready, cached } from './harness.mjs';

const runs = Number(process.env.RUNS || 3);
const server = await startServer();
const cold = [], warm = [];
try {
  for (let i = 0; i < runs; i++) {
    const ctx = await launch();
    const page = await ctx.newPage();
    await page.goto(server.url + '/');
    cold.push(await ready(page));
    await cached(page);
    await page.reload();
    warm.push(await ready(page));
    await ctx.close();
  }
} finally {
  await server.stop();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ runs, coldMs: cold.map(Math.round), cachedMs: warm.map(Math.round),
  coldMedianMs: Math.round(median(cold)), cachedMedianMs: Math.round(median(warm)) }));
