// Service-worker update flow, product-spec section 8: a new build is deployed while a tab is
// open; the new worker installs and WAITS (the old one keeps control), the page shows
// "Nieuwe versie beschikbaar — Vernieuwen"; on click the page reloads exactly once and the new
// version controls it. Served by tools/server.mjs on a fresh port from a directory that is
// swapped by renaming (a deploy), so the shared APP origin is not disturbed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, DIST, ROOT, startServer } from './helpers.mjs';

/** Ask the controlling worker its VERSION (tools/sw.template.js answers GET_VERSION). */
const controllerVersion = (page) => page.evaluate(() => new Promise((resolve) => {
  const c = navigator.serviceWorker.controller;
  if (!c) return resolve(null);
  const ch = new MessageChannel();
  ch.port1.onmessage = (e) => resolve(e.data && e.data.version);
  c.postMessage({ type: 'GET_VERSION' }, [ch.port2]);
  setTimeout(() => resolve(null), 2000);
})).catch(() => null);

/** A second build: index.html carries a marker, sw.js a new version (same generator as postbuild). */
function makeNextBuild(from, to, version) {
  fs.cpSync(from, to, { recursive: true });
  const idx = path.join(to, 'index.html');
  fs.writeFileSync(idx, fs.readFileSync(idx, 'utf8').replace('<head>', `<head>\n<meta name="wegwijzer-build" content="${version}">`));
  const old = fs.readFileSync(path.join(from, 'sw.js'), 'utf8');
  const precache = /const PRECACHE = (\[.*?\]);/s.exec(old)[1];
  const contentBase = /const CONTENT_BASE = new URL\(("[^"]*"), scopeUrl\)/.exec(old)[1];
  const template = fs.readFileSync(path.join(ROOT, 'tools/sw.template.js'), 'utf8');
  fs.writeFileSync(path.join(to, 'sw.js'), template.replace("'__VERSION__'", JSON.stringify(version)).replace('__PRECACHE__', precache)
    .replace('__CONTENT_BASE__', contentBase));
  for (const f of ['sw.js', 'index.html']) for (const ext of ['.br', '.gz']) fs.rmSync(path.join(to, f + ext), { force: true });
}

test('a new deploy waits, the prompt appears, "Vernieuwen" reloads once into the new version', async ({ page }) => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-update-'));
  const site = path.join(base, 'site');
  fs.cpSync(DIST, site, { recursive: true });
  const v1 = /const VERSION = "([^"]+)"/.exec(fs.readFileSync(path.join(site, 'sw.js'), 'utf8'))[1];
  const v2 = `${v1}-next`;
  const srv = await startServer({ dir: site, noCacheAll: true });
  try {
    await page.goto(srv.url);
    await expect(page.locator('.journey[data-node]')).toHaveAttribute('data-node', 'start');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    expect(await controllerVersion(page)).toBe(v1);
    // The first install is not an "update": no prompt.
    await expect(page.getByText('Nieuwe versie beschikbaar')).toHaveCount(0);

    // Deploy: build the next version beside it and swap the served directory.
    makeNextBuild(site, path.join(base, 'next'), v2);
    fs.renameSync(site, path.join(base, 'old'));
    fs.renameSync(path.join(base, 'next'), site);

    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const prompt = page.locator('.notice.update');
    await expect(prompt).toBeVisible({ timeout: 20_000 });
    await expect(prompt).toContainText('Nieuwe versie beschikbaar');
    // Waiting, not activated on its own: the old version still controls the page.
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r.waiting))).toBe(true);
    expect(await controllerVersion(page)).toBe(v1);

    let loads = 0;
    page.on('load', () => { loads++; });
    await prompt.getByRole('button', { name: 'Vernieuwen' }).click();
    await expect.poll(() => controllerVersion(page), { timeout: 15_000 }).toBe(v2);
    await expect(page.locator('meta[name="wegwijzer-build"]')).toHaveAttribute('content', v2);
    await expect(page.locator('.journey[data-node]')).toHaveAttribute('data-node', 'start');
    await page.waitForTimeout(1000); // a second reload would have happened by now
    expect(loads).toBe(1);
    await expect(page.getByText('Nieuwe versie beschikbaar')).toHaveCount(0);
    // The old version's caches are gone.
    const caches = await page.evaluate(() => caches.keys());
    expect(caches.filter((k) => k.includes(v1) && !k.includes(v2))).toEqual([]);
  } finally {
    await page.close();
    await srv.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
});
