// Content from its own origin (issue 13, product-spec sections 4, 8, 11): the app on one origin
// (http://127.0.0.1:P1) and the signed content on another (http://localhost:P2, a "CDN" that
// publishes content without an app release). The built dist is copied, its content/ moved to the
// content host, and tools/postbuild.mjs re-run with `--content-base http://localhost:P2/content/`
// (as `cargo xtask dist --content-base` does). The content host sends
// `Access-Control-Allow-Origin: <app origin>` (docs/deploy.md); the app's CSP `connect-src` names
// exactly the content origin. Checked here: it loads; without the CORS header it does not; after
// one visit it works offline to every outcome from the service worker's copy of the ACCEPTED
// bundle alone; tampered and rolled-back content on the content host is refused.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect, ROOT, copyDist, startServer, dropPrecompressed, collectCspViolations, collectRequests } from './helpers.mjs';
import { TREE, CASES, UI, walkInPage, appH1, expectedH1, replaceSameLength, signBundle, readBundle, tmpDir } from './bundle-tools.mjs';

const START_TEXT = expectedH1(TREE.start);
const MARKER = 'TAMPER-XY12?'; // same length as START_TEXT
const MARKER_RE = /TAMPER-XY12|GEKRAAKT-INHOUD/;

let app; // { origin, url, close }
let content; // the content host
let contentDir; // <root>/content served by `content`
let good; // the bundle as built
const cleanup = [];

test.beforeAll(async () => {
  const appDir = copyDist();
  const contentRoot = tmpDir('wegwijzer-cdn-');
  cleanup.push(appDir, contentRoot);
  contentDir = path.join(contentRoot, 'content');
  fs.cpSync(path.join(appDir, 'content'), contentDir, { recursive: true });
  fs.rmSync(path.join(appDir, 'content'), { recursive: true });
  good = readBundle(contentDir);
  content = await startServer({ dir: contentRoot, name: 'localhost' });
  execFileSync('node', ['tools/postbuild.mjs', '--dist', appDir, '--frame-ancestors', "'self'",
    '--content-base', `${content.origin}/content/`, '--connect-src', content.origin], { cwd: ROOT, stdio: 'pipe' });
  app = await startServer({ dir: appDir, connectSrc: content.origin });
  content.setCorsOrigin(app.origin);
});

test.afterAll(async () => {
  await app?.close();
  await content?.close();
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
});

/** Publish a bundle on the content host (what a content release does). */
function publish(bundle) {
  fs.rmSync(contentDir, { recursive: true, force: true });
  fs.mkdirSync(contentDir, { recursive: true });
  fs.writeFileSync(path.join(contentDir, 'manifest.json'), bundle.manifest);
  fs.writeFileSync(path.join(contentDir, 'manifest.json.minisig'), bundle.signature);
  for (const [name, bytes] of Object.entries(bundle.files)) fs.writeFileSync(path.join(contentDir, name), bytes);
  dropPrecompressed(contentDir);
}

async function openApp(page, { expectFailure = false } = {}) {
  await page.goto(app.url);
  await appH1(page).first().waitFor({ timeout: 20_000 });
  if (!expectFailure) await expect(page.locator('#static-shell')).toHaveCount(0);
}

async function noMarker(page) {
  expect(await page.content()).not.toMatch(MARKER_RE);
  expect(await page.evaluate(() => { try { return JSON.stringify(localStorage); } catch { return ''; } })).not.toMatch(MARKER_RE);
}

test.describe('online', () => {
  test.beforeEach(() => { publish(good); content.setCorsOrigin(app.origin); });

  test('the app loads its content from the content origin; CSP connect-src names exactly that origin', async ({ page }) => {
    const violations = await collectCspViolations(page);
    const requests = collectRequests(page);
    const res = await page.goto(app.url);
    const csp = res.headers()['content-security-policy'];
    expect(csp).toContain(`connect-src 'self' ${content.origin};`);
    await expect(appH1(page)).toHaveText(START_TEXT, { timeout: 20_000 });
    await page.locator(`#main [data-choice="${CASES[0].answers[0]}"]`).click();
    await expect(page.locator('#main .journey')).not.toHaveAttribute('data-node', TREE.start);
    const contentRequests = requests.filter((r) => /\/content\//.test(r.url)).map((r) => new URL(r.url).origin);
    expect(contentRequests.length).toBeGreaterThanOrEqual(4);
    expect([...new Set(contentRequests)]).toEqual([content.origin]);
    expect(violations).toEqual([]);
  });

  test('without the content host\'s CORS header for this origin the browser refuses the content', async ({ page }) => {
    content.setCorsOrigin('https://another-app.example');
    await openApp(page, { expectFailure: true });
    await expect(appH1(page)).toHaveText(UI.nl.failure, { timeout: 20_000 });
  });
});

test('after one visit: offline, from the service worker\'s copy alone, every outcome', async ({ page, context }) => {
  publish(good);
  content.setCorsOrigin(app.origin);
  const outcomes = TREE.nodes.filter((n) => n.kind === 'outcome').map((n) => n.id).sort();
  expect([...new Set(CASES.map((c) => c.outcome))].sort()).toEqual(outcomes);

  await openApp(page);
  await expect(appH1(page)).toHaveText(START_TEXT);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  // The worker holds the accepted bundle, under the content origin's URLs (its caches are the
  // `wegwijzer-` ones; the app's own copy is the `ww-content` cache).
  const base = `${content.origin}/content/`;
  const want = [base + 'manifest.json', base + 'manifest.json.minisig', base + good.treeName, base + good.dirName, base + good.siteName].sort();
  const cached = () => page.evaluate(async (b) => {
    const out = [];
    for (const k of (await caches.keys()).filter((k) => k.startsWith('wegwijzer-'))) for (const r of await (await caches.open(k)).keys()) if (r.url.startsWith(b)) out.push(r.url);
    return out.sort();
  }, base);
  await expect.poll(cached, { timeout: 15_000 }).toEqual(want);
  // Take away the app's own copy of the last verified bundle: offline, only the worker can help.
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).includes('ww-content'))).toBe(true);
  await page.evaluate(() => caches.delete('ww-content'));

  await context.setOffline(true);
  expect(await page.evaluate((u) => fetch(u + '?probe=' + Date.now(), { cache: 'no-store' }).then(() => 'network', () => 'offline'), base + 'manifest.json')).toBe('offline');
  await page.reload();
  await expect(appH1(page)).toHaveText(START_TEXT, { timeout: 20_000 });
  await expect(page.locator('.badge.offline')).toBeVisible();

  const table = CASES.map((c) => [c.answers, c.outcome]);
  const results = await walkInPage(page, table);
  expect(results.filter((r) => r.got !== r.expected)).toEqual([]);
  expect(new Set(results.map((r) => r.got)).size).toBe(outcomes.length);
});

test.describe('tampering on the content host', () => {
  // Every request must reach the content host (a worker would answer content files from its copy).
  test.use({ serviceWorkers: 'block' });
  const signed = [];
  test.afterAll(() => { for (const d of signed) fs.rmSync(d, { recursive: true, force: true }); });
  test.beforeEach(() => { content.setCorsOrigin(app.origin); });

  const changedTree = () => ({ ...good, files: { ...good.files, [good.treeName]: replaceSameLength(good.files[good.treeName], START_TEXT, MARKER) } });

  test('first visit, a changed tree file: the failure screen, never the changed text', async ({ page }) => {
    publish(changedTree());
    await openApp(page, { expectFailure: true });
    await expect(appH1(page)).toHaveText(UI.nl.failure, { timeout: 20_000 });
    await noMarker(page);
  });

  for (const kind of ['a changed tree file', 'a validly signed OLDER version']) {
    test(`after a good visit, ${kind}: the last good content with a neutral notice`, async ({ page }) => {
      const logs = [];
      page.on('console', (m) => logs.push(m.text()));
      publish(good);
      await openApp(page);
      await expect(appH1(page)).toHaveText(START_TEXT);
      let bad;
      if (kind === 'a changed tree file') bad = changedTree();
      else {
        bad = signBundle({ editTree: (s) => s.split(JSON.stringify(START_TEXT)).join(JSON.stringify('GEKRAAKT-INHOUD')), version: good.json.version - 1 });
        signed.push(bad.dir);
      }
      publish(bad);
      await page.reload();
      await expect(appH1(page)).toHaveText(START_TEXT, { timeout: 20_000 });
      await expect(page.locator('.banners .notice[role="status"]')).toHaveText(new RegExp(`^${UI.nl.unverified}`));
      await noMarker(page);
      expect(logs.some((t) => /content refused/.test(t)), logs.join('\n')).toBe(true);
    });
  }

  test('control: a newer validly signed bundle on the content host is accepted', async ({ page }) => {
    publish(good);
    await openApp(page);
    await expect(appH1(page)).toHaveText(START_TEXT);
    const newer = signBundle({ editTree: (s) => s.split(JSON.stringify(START_TEXT)).join(JSON.stringify('Wie ben jij? (nieuw)')), version: good.json.version + 10 });
    signed.push(newer.dir);
    publish(newer);
    await page.reload();
    await expect(appH1(page)).toHaveText('Wie ben jij? (nieuw)', { timeout: 20_000 });
  });
});
