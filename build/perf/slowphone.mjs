// slowphone.mjs: a fresh headless Chromium page at a phone's size with its CPU slowed (CPU,
// 4x by default, as Lighthouse's mobile run), and the trace events CDP collects, for the start
// measures in this folder (starttasks.mjs, startprofile.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

// slowPhone opens the page; events fills once tracing ends, done resolves then; close ends
// the browser and removes its profile.
export async function slowPhone(name) {
  const rate = Number(process.env.CPU || 4);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `gongji-${name}-`));
  const ctx = await chromium.launchPersistentContext(dataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    viewport: { width: 412, height: 823 }, locale: 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
  const close = async () => {
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { page, cdp, events, done, rate, close };
}
