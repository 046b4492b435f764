// Shared fixtures for Wegwijzer's browser tests. Import what you need:
//   import { test, expect, APP, OTHER, collectCspViolations, axeCheck, throwingStorage } from './helpers.mjs';
//
// APP    the app origin (dist/ served by tools/server.mjs with the production headers)
// OTHER  a second origin (tests/fixtures/ served --plain: a "school site" that embeds the app)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { test, expect } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
/** The built app under test: `cargo xtask test` builds into dist-test/ and sets WEGWIJZER_DIST. */
export const DIST = process.env.WEGWIJZER_DIST ? path.resolve(process.env.WEGWIJZER_DIST) : path.join(ROOT, 'dist');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

export const APP_PORT = Number(process.env.WEGWIJZER_TEST_PORT || 8090);
export const OTHER_PORT = APP_PORT + 1;
/** App origin, no trailing slash: `${APP}/index.html`. */
export const APP = `http://127.0.0.1:${APP_PORT}`;
/** Another origin (cross-site for the browser: different host name) serving tests/fixtures/. */
export const OTHER = `http://localhost:${OTHER_PORT}`;
/** School host page that embeds the app with embed.js from APP. Extra query: `&lang=en` etc. */
export const HOST_PAGE = `${OTHER}/host.html?app=${encodeURIComponent(APP)}`;

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Start collecting CSP violations on a page (all frames, survives navigations).
 * Returns a live array of { source, directive, blocked, sample, url } entries; `securitypolicyviolation`
 * events and console errors mentioning the Content Security Policy both land in it.
 * Call BEFORE page.goto. Assert with `expect(violations).toEqual([])`.
 */
export async function collectCspViolations(page) {
  const list = [];
  if (!page.__wegwijzerCsp) {
    page.__wegwijzerCsp = list;
    await page.exposeBinding('__wegwijzerCspViolation', ({ frame }, v) => {
      page.__wegwijzerCsp.push({ source: 'event', frame: frame ? frame.url() : '', ...v });
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        try {
          window.__wegwijzerCspViolation({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, url: e.documentURI });
        } catch { /* binding missing in this frame */ }
      }, true);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) {
        page.__wegwijzerCsp.push({ source: 'console', directive: '', blocked: '', sample: msg.text(), url: msg.location().url || '' });
      }
    });
  }
  return page.__wegwijzerCsp;
}

/** axe-core with WCAG 2.0/2.1/2.2 A+AA tags; returns the violations array (empty = pass).
 *  opts: { include: selector, exclude: selector|[selectors], disableRules: [] } */
export async function axeCheck(page, opts = {}) {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  let b = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (opts.include) b = b.include(opts.include);
  for (const ex of [].concat(opts.exclude || [])) b = b.exclude(ex);
  if (opts.disableRules) b = b.disableRules(opts.disableRules);
  const res = await b.analyze();
  return res.violations;
}

/** Human-readable summary of axe violations for assertion messages. */
export function formatViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
}

/**
 * Init script that makes localStorage, sessionStorage and indexedDB throw on every use
 * (as when a browser blocks storage in a third-party iframe).
 *   await page.addInitScript(throwingStorage);                      // every frame; each method call throws
 *   await page.addInitScript(throwingStorage, { origin: APP });     // only frames of the app origin
 *   await page.addInitScript(throwingStorage, { mode: 'access' });  // reading window.localStorage itself throws
 */
export function throwingStorage(arg) {
  arg = arg || {};
  if (arg.origin && location.origin !== arg.origin) return;
  const fail = () => { throw new DOMException('The operation is insecure.', 'SecurityError'); };
  const blocked = new Proxy(Object.create(null), {
    get: fail, set: fail, has: fail, deleteProperty: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, defineProperty: fail,
  });
  for (const name of ['localStorage', 'sessionStorage', 'indexedDB']) {
    try {
      Object.defineProperty(window, name, { configurable: true, enumerable: true, get: arg.mode === 'access' ? fail : () => blocked });
    } catch { /* ignore */ }
  }
}

/** Wait until the app has taken over the static first screen (the app renders `#main [data-node]`). */
export async function waitForApp(page, timeout = 15_000) {
  await page.waitForSelector('#main [data-node]', { timeout });
}

/** Wait until a service worker controls the page (reloads once if needed). */
export async function waitForServiceWorker(page, timeout = 15_000) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true), null, { timeout });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout });
  }
}

/** Record every request a page makes: returns a live array of { url, origin, fromServiceWorker? }. */
export function collectRequests(page) {
  const list = [];
  page.on('request', (r) => list.push({ url: r.url(), origin: safeOrigin(r.url()), resourceType: r.resourceType() }));
  return list;
}
function safeOrigin(u) { try { return new URL(u).origin; } catch { return ''; } }

/** Copy dist/ (or `from`) to a fresh temp dir and return its path (for tamper / update tests). */
export function copyDist(from = DIST) {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-dist-'));
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/**
 * Serve a directory with the same server and headers as production, in-process.
 *   const srv = await startServer({ dir, port: 0, noCacheAll: true }); ... await srv.close();
 * Returns { url, origin, port, close, setCorsOrigin }. port 0 picks a free port.
 * `name`: the host name in `origin` (e.g. 'localhost' for a second, cross-site origin while
 * listening on 127.0.0.1). `corsOrigin` / `setCorsOrigin(o)`: serve as a content host for an app
 * at that origin (Access-Control-Allow-Origin), see docs/deploy.md.
 * Note: a different port is a different origin (own service worker, own storage).
 */
export async function startServer({ dir = DIST, port = 0, host = '127.0.0.1', name = host, plain = false, noCacheAll = false,
  frameAncestors, connectSrc = '', corsOrigin = '' } = {}) {
  const mod = await import('../../tools/server.mjs');
  const opts = { dir, port, host, plain, noCacheAll, connectSrc, corsOrigin, log: false,
    frameAncestors: frameAncestors || mod.DEFAULT_FRAME_ANCESTORS };
  const srv = mod.createServer(opts);
  await new Promise((res, rej) => { srv.once('error', rej); srv.listen(port, host, res); });
  const actual = srv.address().port;
  const origin = `http://${name}:${actual}`;
  return {
    origin, url: origin + '/', port: actual,
    setCorsOrigin: (o) => { opts.corsOrigin = o; },
    close: () => new Promise((res) => { srv.closeAllConnections?.(); srv.close(() => res()); }),
  };
}

/** Remove every .br/.gz sibling of files under dir (after editing files in a copied dist). */
export function dropPrecompressed(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && /\.(br|gz)$/.test(e.name)) fs.unlinkSync(path.join(e.parentPath || e.path, e.name));
  }
}

/** Choose a language in the header's language menu and wait until the content is in it. */
export async function switchLang(page, code) {
  const { expect } = await import('@playwright/test');
  await page.locator('#lang-menu').selectOption(code);
  await expect(page.locator('html')).toHaveAttribute('lang', code);
  await expect(page.locator('html')).toHaveAttribute('data-content-lang', code, { timeout: 15_000 });
}
