#!/usr/bin/env node
// Benchmark driver, run by `cargo xtask bench` after it built the release into DIST (default content)
// and DIST500 (the same app with a generated, signed 500-node tree). Everything is served in-process
// by tools/server.mjs (production headers, brotli) over loopback.
//
//   node tools/bench.mjs --dist dist-bench --dist500 dist-bench-500 [--runs 3] [--steps 20] [--out docs/benchmarks.md]
//
// Prints one markdown table and (with --out) appends it with the date and machine to the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer, DEFAULT_FRAME_ANCESTORS } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const req = createRequire(path.join(ROOT, 'tests', 'package.json'));
const imp = (name) => import(pathToFileURL(req.resolve(name)).href);

const USAGE = 'usage: node tools/bench.mjs --dist DIR [--dist500 DIR] [--runs 3] [--steps 20] [--out docs/benchmarks.md] [--no-lighthouse]';
let flags;
try {
  ({ values: flags } = parseArgs({ strict: true, options: {
    dist: { type: 'string', default: 'dist-bench' },
    dist500: { type: 'string', default: '' },
    runs: { type: 'string', default: '3' },
    steps: { type: 'string', default: '20' },
    out: { type: 'string', default: '' },
    'no-lighthouse': { type: 'boolean', default: false }, // for trying the rest quickly
  } }));
} catch (e) { console.error(`bench: ${e.message}\n${USAGE}`); process.exit(2); }
const DIST = path.resolve(flags.dist);
const DIST500 = flags.dist500 ? path.resolve(flags.dist500) : '';
const RUNS = Number(flags.runs);
const STEPS = Number(flags.steps);
const OUT = flags.out;
const SKIP_LH = flags['no-lighthouse'];
for (const [k, v] of [['--runs', RUNS], ['--steps', STEPS]]) {
  if (!Number.isInteger(v) || v < 1) { console.error(`bench: ${k} must be a positive integer\n${USAGE}`); process.exit(2); }
}
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const median = (xs) => { const v = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b); if (!v.length) return NaN; const m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
const log = (...a) => console.error('[bench]', ...a);

// ---------------------------------------------------------------------------------------------
// servers with byte accounting

async function serve(dir) {
  const srv = createServer({ dir, port: 0, host: '127.0.0.1', frameAncestors: DEFAULT_FRAME_ANCESTORS, connectSrc: '' });
  const stats = { requests: [], counting: false };
  srv.prependListener('request', (rq, rs) => {
    let body = 0;
    const w = rs.write.bind(rs), e = rs.end.bind(rs);
    rs.write = (c, ...r) => { if (c) body += Buffer.byteLength(c); return w(c, ...r); };
    rs.end = (c, ...r) => { if (c && typeof c !== 'function') body += Buffer.byteLength(c); return e(c, ...r); };
    rs.on('finish', () => {
      if (!stats.counting) return;
      const hdr = typeof rs._header === 'string' ? Buffer.byteLength(rs._header) : 0; // raw status line + headers
      stats.requests.push({ url: rq.url, status: rs.statusCode, body, header: hdr });
    });
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${srv.address().port}`;
  return { origin, stats, close: () => new Promise((r) => { srv.closeAllConnections?.(); srv.close(r); }) };
}

// ---------------------------------------------------------------------------------------------
// transfer sizes (brotli files on disk = bytes on the wire for the body)

function sizes(dist) {
  const br = (f) => { try { return fs.statSync(f + '.br').size; } catch { return 0; } };
  const s = { html: 0, css: 0, js: 0, wasm: 0, content: 0 };
  for (const f of fs.readdirSync(dist)) {
    const p = path.join(dist, f);
    if (f === 'index.html') s.html += br(p);
    else if (f.endsWith('.css')) s.css += br(p);
    // The Ed25519 fallback is fetched only by browsers without Ed25519 in WebCrypto (as in
    // xtask's budget step, which reports it apart).
    // So are the lazy modules (src/lazy/), imported on first use.
    else if (f.endsWith('.js') && !['sw.js', 'sw-kill.js', 'embed.js'].includes(f) && !/^(ed25519|read-aloud|schools|embed-frame)\./.test(f)) s.js += br(p);
    else if (f.endsWith('.wasm')) s.wasm += br(p);
  }
  const cdir = path.join(dist, 'content');
  // A Dutch visit: the manifest, its signature and the base files; a language overlay
  // (`text-<code>.<hash>.json`) is fetched only by a reader who picks that language.
  if (fs.existsSync(cdir)) for (const f of fs.readdirSync(cdir)) if (!/\.(br|gz)$/.test(f) && !f.startsWith('text-')) s.content += br(path.join(cdir, f));
  s.shell = s.html + s.css + s.js + s.wasm;
  return s;
}

// ---------------------------------------------------------------------------------------------
// the static floor page: the first screen of index.html, with the CSS, without any script

function extractElementById(html, id) {
  const open = new RegExp(`<([a-zA-Z0-9-]+)\\b[^>]*\\bid=["']${id}["'][^>]*>`).exec(html);
  if (!open) return null;
  const tag = open[1].toLowerCase();
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  re.lastIndex = open.index + open[0].length;
  let depth = 1, m;
  while ((m = re.exec(html))) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(open.index, m.index + m[0].length);
  }
  return null;
}

function makeFloor(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const css = [...html.matchAll(/<link\b[^>]*rel=["']?stylesheet["']?[^>]*>/gi)].map((m) => m[0]);
  const metas = [...html.matchAll(/<meta\b[^>]*>/gi)].map((m) => m[0])
    .concat([...html.matchAll(/<link\b[^>]*rel=["']?(icon|apple-touch-icon)["']?[^>]*>/gi)].map((m) => m[0]));
  const title = (/<title>[\s\S]*?<\/title>/i.exec(html) || ['<title>Wegwijzer</title>'])[0];
  const lang = (/<html\b[^>]*\blang=["']([^"']+)/i.exec(html) || [, 'nl'])[1];
  let body = extractElementById(html, 'static-shell');
  const found = !!body;
  if (!body) {
    body = (/<body[^>]*>([\s\S]*)<\/body>/i.exec(html) || [, ''])[1];
  }
  body = body.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').replace(/<noscript\b[\s\S]*?<\/noscript\s*>/gi, '');
  const floor = `<!doctype html>\n<html lang="${lang}">\n<head>\n${metas.join('\n')}\n${title}\n${css.join('\n')}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
  fs.writeFileSync(path.join(dist, 'floor.html'), floor);
  fs.writeFileSync(path.join(here, 'floor.html'), `<!-- Generated by cargo xtask bench from dist/index.html (#static-shell${found ? '' : ' not found: whole body'}); served from dist as floor.html. -->\n${floor}`);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Lighthouse (mobile defaults: simulated slow 4G, 4x CPU)

async function lighthouseRuns(url, runs) {
  const { default: lighthouse } = await imp('lighthouse');
  const chromeLauncher = await imp('chrome-launcher');
  const out = [];
  for (let i = 0; i < runs; i++) {
    const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, logLevel: 'silent' });
    try {
      const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'] });
      const lhr = r.lhr;
      const a = (k) => lhr.audits[k]?.numericValue;
      out.push({
        perf: lhr.categories.performance.score * 100,
        a11y: lhr.categories.accessibility.score * 100,
        bp: lhr.categories['best-practices'].score * 100,
        fcp: a('first-contentful-paint'), lcp: a('largest-contentful-paint'), tbt: a('total-blocking-time'), cls: a('cumulative-layout-shift'),
        failing: Object.values(lhr.audits).filter((x) => x.score !== null && x.score < 1 && ['binary', 'numeric'].includes(x.scoreDisplayMode) && lhr.categories.accessibility.auditRefs.concat(lhr.categories['best-practices'].auditRefs).some((r) => r.id === x.id && r.weight > 0)).map((x) => x.id),
      });
      log(`lighthouse ${url} run ${i + 1}: perf ${out.at(-1).perf} LCP ${Math.round(out.at(-1).lcp)} ms`);
    } finally {
      await chrome.kill();
    }
  }
  const med = {};
  for (const k of ['perf', 'a11y', 'bp', 'fcp', 'lcp', 'tbt', 'cls']) med[k] = median(out.map((r) => r[k]));
  med.failing = [...new Set(out.flatMap((r) => r.failing))];
  return med;
}

// ---------------------------------------------------------------------------------------------
// Playwright measurements

async function withBrowser(fn) {
  const pw = await imp('playwright-core');
  const chromium = pw.chromium || pw.default.chromium;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS.filter((f) => !f.startsWith('--headless')), headless: true });
  try { return await fn(browser); } finally { await browser.close(); }
}

async function appReady(page, timeout = 20000) {
  await page.waitForSelector('#main [data-node]', { timeout });
}

async function stepTimes(browser, origin, steps) {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const third = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) third.push(r.url()); });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const times = [];
  let restarts = 0;
  await page.goto(origin + '/');
  await appReady(page);
  while (times.length < steps && restarts < steps * 3) {
    const t = await page.evaluate(() => new Promise((resolve) => {
      const h1 = () => (document.querySelector('#main h1') || {}).textContent;
      const btn = document.querySelector('#main .options button');
      if (!btn) return resolve(null);
      const before = h1();
      const done = (t0) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      const t0 = performance.now();
      btn.click();
      if (h1() !== before) return done(t0);
      const mo = new MutationObserver(() => { if (h1() !== before) { mo.disconnect(); done(t0); } });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
      setTimeout(() => { mo.disconnect(); resolve(null); }, 5000);
    }));
    if (t === null) {
      restarts++;
      await page.goto('about:blank');
      await page.goto(origin + '/');
      await appReady(page);
    } else {
      times.push(t);
    }
  }
  await ctx.close();
  return { median: median(times), n: times.length, third };
}

async function contentLoad(browser, origin, runs = 5) {
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ serviceWorkers: 'block' });
    const page = await ctx.newPage();
    await page.goto(origin + '/');
    try {
      const v = await page.waitForFunction(() => window.__wegwijzerTiming && window.__wegwijzerTiming.verifyParseValidateMs, null, { timeout: 20000 });
      xs.push(await v.jsonValue());
    } catch { /* not exposed */ }
    await ctx.close();
  }
  return { median: median(xs), n: xs.length };
}

async function repeatVisit(browser, server) {
  const ctx = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await ctx.newPage();
  const third = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== server.origin) third.push(r.url()); });
  await page.goto(server.origin + '/');
  let sw = false;
  try {
    await page.evaluate(() => Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 15000))]));
    await page.waitForFunction(async () => {
      const keys = await caches.keys();
      return keys.some((k) => k.startsWith('wegwijzer-shell-'));
    }, null, { timeout: 15000 });
    sw = true;
  } catch { sw = false; }
  await page.waitForTimeout(1000);
  await page.close();
  // Repeat visit: count what the server sends until the first question is visible.
  server.stats.requests.length = 0;
  server.stats.counting = true;
  const p2 = await ctx.newPage();
  await p2.goto(server.origin + '/');
  await p2.waitForSelector('h1', { timeout: 20000 }).catch(() => {});
  await p2.waitForTimeout(300);
  server.stats.counting = false;
  const reqs = [...server.stats.requests];
  await ctx.close();
  return {
    sw,
    requests: reqs.length,
    body: reqs.reduce((n, r) => n + r.body, 0),
    header: reqs.reduce((n, r) => n + r.header, 0),
    detail: reqs.map((r) => `${r.status} ${r.url} ${r.body}B`),
    third,
  };
}

// ---------------------------------------------------------------------------------------------

function machine() {
  let cpu = 'unknown';
  try { cpu = (/model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8')) || [, 'unknown'])[1].trim(); } catch { /* */ }
  let chromium = 'unknown';
  try { chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0]; } catch { /* */ }
  return { nproc: os.cpus().length, cpu, chromium, node: process.version, mem: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    load: os.loadavg().map((x) => x.toFixed(1)).join(' ') };
}

const fmtMs = (x) => Number.isNaN(x) || x === undefined ? 'n/a' : `${Math.round(x)} ms`;
const fmtMs1 = (x) => Number.isNaN(x) || x === undefined ? 'n/a' : `${x.toFixed(1)} ms`;
const fmtNum = (x, d = 0) => Number.isNaN(x) || x === undefined ? 'n/a' : x.toFixed(d);
const ratio = (a, b) => (Number.isNaN(a) || Number.isNaN(b) || !b) ? 'n/a' : `${(a / b).toFixed(2)}×`;
const kB = (b) => `${(b / 1000).toFixed(1)} kB`;

async function main() {
  const m = machine();
  log(`machine: ${m.nproc} cores, ${m.cpu}, ${m.chromium}`);
  const floorFound = makeFloor(DIST);
  const s = sizes(DIST);
  const s500 = DIST500 ? sizes(DIST500) : null;
  const app = await serve(DIST);
  const big = DIST500 ? await serve(DIST500) : null;
  let lhApp, lhFloor, steps, load, load500, repeat;
  try {
    log('lighthouse: app');
    lhApp = await lighthouseRuns(app.origin + '/', SKIP_LH ? 0 : RUNS);
    log('lighthouse: floor');
    lhFloor = await lighthouseRuns(app.origin + '/floor.html', SKIP_LH ? 0 : RUNS);
    await withBrowser(async (browser) => {
      log('step change');
      steps = await stepTimes(browser, app.origin, STEPS).catch((e) => { log('step change failed:', e.message); return { median: NaN, n: 0, third: [] }; });
      log('content load');
      load = await contentLoad(browser, app.origin).catch(() => ({ median: NaN, n: 0 }));
      load500 = big ? await contentLoad(browser, big.origin).catch(() => ({ median: NaN, n: 0 })) : { median: NaN, n: 0 };
      log('repeat visit');
      repeat = await repeatVisit(browser, app).catch((e) => { log('repeat visit failed:', e.message); return { sw: false, requests: NaN, body: NaN, header: NaN, detail: [], third: [] }; });
    });
  } finally {
    await app.close();
    if (big) await big.close();
  }
  const third = [...new Set([...(steps.third || []), ...(repeat.third || [])])];
  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const rows = [
    ['**Transfer (brotli)**', '', '', '', ''],
    ['HTML (index.html)', kB(s.html), '', '', ''],
    ['CSS', kB(s.css), '', '', ''],
    ['JS (loader + bindings)', kB(s.js), '', '', ''],
    ['wasm', kB(s.wasm), '', '', ''],
    ['App shell total', kB(s.shell), '', '≤ 120 kB (goal 80)', s.shell <= 120000 ? 'ok' : 'OVER'],
    ['Signed content', kB(s.content), '', '≤ 40 kB', s.content <= 40000 ? 'ok' : 'OVER'],
    [`**Lighthouse 12.2.3 mobile, median of ${RUNS}**`, '**app**', '**floor**', '**ratio / target**', ''],
    ['Performance', fmtNum(lhApp.perf), fmtNum(lhFloor.perf), '≥ 98', lhApp.perf >= 98 ? 'ok' : 'below'],
    ['Accessibility', fmtNum(lhApp.a11y), fmtNum(lhFloor.a11y), '100', lhApp.a11y >= 100 ? 'ok' : 'below'],
    ['Best practices', fmtNum(lhApp.bp), fmtNum(lhFloor.bp), '100', lhApp.bp >= 100 ? 'ok' : 'below'],
    ['FCP', fmtMs(lhApp.fcp), fmtMs(lhFloor.fcp), ratio(lhApp.fcp, lhFloor.fcp), ''],
    ['LCP', fmtMs(lhApp.lcp), fmtMs(lhFloor.lcp), `${ratio(lhApp.lcp, lhFloor.lcp)} (≤ 1.3×, ≤ 1500 ms)`, lhApp.lcp <= 1500 && lhApp.lcp <= 1.3 * lhFloor.lcp ? 'ok' : 'miss'],
    ['TBT', fmtMs(lhApp.tbt), fmtMs(lhFloor.tbt), '≤ 50 ms', lhApp.tbt <= 50 ? 'ok' : 'miss'],
    ['CLS', fmtNum(lhApp.cls, 3), fmtNum(lhFloor.cls, 3), '0', lhApp.cls === 0 ? 'ok' : 'miss'],
    ['**In the browser (Playwright, Chromium)**', '', '', '', ''],
    [`Step change, 4× CPU, median of ${steps.n}`, fmtMs1(steps.median), '', '≤ 50 ms', steps.median <= 50 ? 'ok' : steps.n ? 'miss' : 'n/a'],
    [`Content load (verify+parse+validate), default${s500 ? '' : ''}, median of ${load.n}`, fmtMs1(load.median), '', '', load.n ? '' : 'n/a: window.__wegwijzerTiming missing'],
    [`Content load, generated 500-node tree, median of ${load500.n}`, fmtMs1(load500.median), s500 ? kB(s500.content) + ' br' : '', '≤ 20 ms', load500.median <= 20 ? 'ok' : load500.n ? 'miss' : 'n/a'],
    ['Third-party requests', String(third.length), '', '0', third.length === 0 ? 'ok' : 'FAIL'],
    ['Repeat visit with service worker: body bytes from network', Number.isNaN(repeat.body) ? 'n/a' : `${repeat.body} B`, `${repeat.requests} req, ${repeat.header} B headers`, '0', repeat.sw ? (repeat.body === 0 ? 'ok' : 'miss') : 'no SW'],
  ];
  const table = [
    `### ${date}`,
    '',
    `Machine: ${m.nproc} cores, ${m.cpu}, ${m.mem}; ${m.chromium}; Node ${m.node}; load average at start ${m.load} (times are noisy when other jobs run). Release build served by tools/server.mjs with brotli over loopback. Floor: \`floor.html\` = ${floorFound ? '`#static-shell` of index.html' : 'body of index.html (no #static-shell found)'} with the CSS, no JS.`,
    '',
    '| measure | value | floor / detail | target | |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ];
  if (lhApp.failing.length) table.push(`Lighthouse a11y/best-practice audits not passing (app): ${lhApp.failing.join(', ')}`, '');
  if (lhFloor.failing.length) table.push(`Lighthouse a11y/best-practice audits not passing (floor): ${lhFloor.failing.join(', ')}`, '');
  if (third.length) table.push(`Third-party requests: ${third.join(', ')}`, '');
  if (repeat.detail.length) table.push(`Repeat visit requests reaching the server: ${repeat.detail.join('; ')}`, '');
  const md = table.join('\n');
  console.log(md);
  if (OUT) {
    if (!fs.existsSync(OUT)) fs.writeFileSync(OUT, '# Benchmarks\n\nAppended by `cargo xtask bench` (see README). Newest last.\n\n');
    fs.appendFileSync(OUT, md + '\n');
    log(`appended to ${OUT}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
