// Tampered content: the test intercepts content/* (service workers blocked so page.route sees every
// request) and serves a flipped byte in the manifest, in the signature, in the tree file (hash
// mismatch), a tree longer than declared, a validly signed OLDER version after a newer one was
// accepted, and an expired manifest. After a good first visit the app must show the last known
// good content with a neutral notice; on a first visit the failure screen with the crisis numbers.
// Never the tampered text: every tampered tree carries a marker that must not appear anywhere.
import fs from 'node:fs';
import { test, expect, APP } from './helpers.mjs';
import {
  TREE, UI, appH1, expectedH1, flipByte, nextOf, openApp, replaceSameLength, routeContent, signBundle, choose,
} from './bundle-tools.mjs';

test.use({ serviceWorkers: 'block' });

// Same length as the start question "Wie ben jij?" so a byte-level swap keeps the declared length.
const START_TEXT = expectedH1(TREE.start);
const MARKER = 'TAMPER-XY12?';
const MARKER_RE = /TAMPER-XY12|GEKRAAKT-INHOUD/;
const LONG_MARKER = 'GEKRAAKT-INHOUD';

/** The bundle the app server serves (fetched over HTTP: whatever dist the server has). */
async function servedBundle(request) {
  const get = async (name) => {
    const r = await request.get(`${APP}/content/${name}`);
    expect(r.ok(), `GET content/${name}`).toBe(true);
    return Buffer.from(await r.body());
  };
  const manifest = await get('manifest.json');
  const signature = await get('manifest.json.minisig');
  const json = JSON.parse(manifest.toString('utf8'));
  const files = {};
  for (const f of Object.values(json.files)) files[f.name] = await get(f.name);
  return { manifest, signature, files, json, treeName: json.files.tree.name };
}

let good;
const tampered = {};
const signedDirs = [];

test.beforeAll(async ({ request }) => {
  good = await servedBundle(request);
  const v0 = good.json.version;
  const markTree = (s) => s.split(JSON.stringify(START_TEXT)).join(JSON.stringify(LONG_MARKER));
  const t = good.treeName;

  // 1. A flipped byte in the manifest (a digit of the version): the signature no longer matches.
  const m = good.manifest.toString('utf8');
  const vAt = m.indexOf(String(v0)) + String(v0).length - 1;
  tampered.manifestByte = { ...good, manifest: flipByte(good.manifest, vAt), files: { ...good.files, [t]: replaceSameLength(good.files[t], START_TEXT, MARKER) } };

  // 2. A flipped byte in the signature line (the second line of the minisig file).
  const sig = good.signature.toString('utf8');
  const sigAt = sig.indexOf('\n') + 20;
  tampered.signatureByte = { ...good, signature: flipByte(good.signature, sigAt), files: { ...good.files, [t]: replaceSameLength(good.files[t], START_TEXT, MARKER) } };

  // 3. The tree file changed at the same length: its hash no longer matches the manifest.
  tampered.treeHash = { ...good, files: { ...good.files, [t]: replaceSameLength(good.files[t], START_TEXT, MARKER) } };

  // 4. The tree file longer than the manifest declares (valid prefix, then more).
  tampered.oversized = { ...good, files: { ...good.files, [t]: Buffer.concat([good.files[t], Buffer.from(`\n${LONG_MARKER}`.repeat(64))]) } };

  // 5. Validly signed, but an OLDER version than the one accepted on the first visit.
  const older = signBundle({ editTree: markTree, version: v0 - 1 });
  signedDirs.push(older.dir);
  tampered.older = older;

  // 6. Validly signed, newer, but expired.
  const expired = signBundle({ editTree: markTree, version: v0 + 5, now: '2020-01-01T00:00:00Z', expiresDays: 1 });
  signedDirs.push(expired.dir);
  tampered.expired = expired;

  // Control: validly signed and newer: the app must accept it (proves the interception works).
  const newer = signBundle({ editTree: (s) => s.split(JSON.stringify(START_TEXT)).join(JSON.stringify('Wie ben jij? (nieuw)')), version: v0 + 10 });
  signedDirs.push(newer.dir);
  tampered.controlNewer = newer;
});

test.afterAll(() => {
  for (const d of signedDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The marker is nowhere: not in the DOM, the title, nor the content cache. */
async function expectNoMarker(page) {
  expect(await page.content()).not.toMatch(MARKER_RE);
  expect(await page.title()).not.toMatch(MARKER_RE);
  const cache = await page.evaluate(async () => {
    let out = '';
    try { out += JSON.stringify(localStorage); } catch {}
    // The app's own copy of the last verified content (Cache API).
    try { const c = await caches.open('ww-content'); for (const r of await c.keys()) out += await (await c.match(r)).text(); } catch {}
    return out;
  });
  expect(cache).not.toMatch(MARKER_RE);
}

test('control: a newer, validly signed bundle served through the interception is accepted', async ({ page }) => {
  await routeContent(page, good);
  await openApp(page);
  await expect(appH1(page)).toHaveText(START_TEXT);
  await page.unrouteAll();
  await routeContent(page, tampered.controlNewer);
  await page.reload();
  await expect(appH1(page)).toHaveText('Wie ben jij? (nieuw)', { timeout: 20_000 });
  await expect(page.locator('.banners .notice[role="status"]')).toBeEmpty();
});

const CASES = [
  ['manifestByte', 'a flipped byte in the manifest'],
  ['signatureByte', 'a flipped byte in the signature'],
  ['treeHash', 'a changed tree file (hash mismatch)'],
  ['oversized', 'a tree file longer than declared'],
  ['older', 'a validly signed OLDER version'],
  ['expired', 'an expired manifest'],
];

for (const [key, what] of CASES) {
  test(`after a good visit, ${what}: last known good content with a neutral notice`, async ({ page }) => {
    const consoleTexts = [];
    page.on('console', (m) => consoleTexts.push(m.text()));
    await routeContent(page, good);
    await openApp(page);
    await expect(appH1(page)).toHaveText(START_TEXT);
    await page.unrouteAll();
    await routeContent(page, tampered[key]);
    await page.reload();
    await expect(appH1(page)).toHaveText(START_TEXT, { timeout: 20_000 });
    await expect(page.locator('#static-shell')).toHaveCount(0);
    const notice = page.locator('.banners .notice[role="status"]');
    await expect(notice).not.toBeEmpty();
    // Neutral notice: refused content is "could not be checked", never "offline".
    await expect(notice).toHaveText(new RegExp(`^${UI.nl.unverified}`));
    // The content works: a step further, then no marker anywhere.
    await choose(page, 'parent');
    await expectNoMarker(page);
    // A third visit with the network down still has the good copy (the cache was not replaced);
    // the reload keeps this tab's step.
    await page.unrouteAll();
    await page.route('**/content/**', (r) => r.abort());
    await page.reload();
    await expect(appH1(page)).toHaveText(expectedH1(nextOf(TREE.start, 'parent')), { timeout: 20_000 });
    await expectNoMarker(page);
    expect(consoleTexts.some((t) => /refused|not fetched/.test(t)), 'the app logs why it refused').toBe(true);
  });

  if (key === 'older') continue; // on a first visit nothing newer is known: an older bundle is just a bundle.
  test(`first visit, ${what}: the failure screen with the crisis numbers`, async ({ page }) => {
    await routeContent(page, tampered[key]);
    await openApp(page, '#/', { expectFailure: true });
    await expect(appH1(page)).toHaveText(UI.nl.failure, { timeout: 20_000 });
    await expect(page.locator('#static-help')).toBeVisible();
    for (const tel of ['tel:112', 'tel:113', 'tel:08000432']) await expect(page.locator(`a[href="${tel}"]:visible`).first()).toBeVisible();
    await expect(page.locator('#main button.primary')).toBeVisible();
    await expectNoMarker(page);
  });
}

test('a tree longer than declared is reported as unverified, not as "offline"', async ({ page }) => {
  // A file body over its declared length is refused content (FetchError::Rejected), not a network failure.
  await routeContent(page, good);
  await openApp(page);
  await page.unrouteAll();
  await routeContent(page, tampered.oversized);
  await page.reload();
  await expect(appH1(page)).toHaveText(START_TEXT, { timeout: 20_000 });
  await expect(page.locator('.banners .notice[role="status"]')).toHaveText(new RegExp(`^${UI.nl.unverified}`), { timeout: 3000 });
});

// The signature and the file hashes are checked with the browser's WebCrypto (the core decides what
// must hold; src/content.rs computes it). Browsers without Ed25519 in WebCrypto yet get the
// @noble/ed25519 fallback (dist/ed25519.<hash>.js, imported only then): good content opens, a
// flipped signature byte and a changed file are refused exactly as above.
const NO_ED25519 = () => {
  const isEd = (a) => (typeof a === 'string' ? a : a && a.name) === 'Ed25519';
  for (const name of ['importKey', 'verify']) {
    const orig = SubtleCrypto.prototype[name];
    SubtleCrypto.prototype[name] = function (...args) {
      if (isEd(args[name === 'importKey' ? 2 : 0])) return Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError'));
      return orig.apply(this, args);
    };
  }
};

test('without Ed25519 in WebCrypto (older browsers): the fallback verifies good content and refuses tampered content', async ({ page }) => {
  await page.addInitScript(NO_ED25519);
  const fallback = [];
  page.on('request', (r) => { if (/\/ed25519\.[0-9a-f]{16}\.js$/.test(r.url())) fallback.push(r.url()); });
  for (const key of ['signatureByte', 'manifestByte', 'treeHash']) {
    await page.unrouteAll();
    await routeContent(page, tampered[key]);
    await openApp(page, '#/', { expectFailure: true });
    await expect(appH1(page), key).toHaveText(UI.nl.failure, { timeout: 20_000 });
    await expectNoMarker(page);
  }
  await page.unrouteAll();
  await routeContent(page, good);
  await page.reload();
  await expect(appH1(page)).toHaveText(START_TEXT, { timeout: 20_000 });
  await choose(page, 'parent');
  await expectNoMarker(page);
  expect(fallback.length, 'the fallback verifier was loaded').toBeGreaterThan(0);
});

test('with Ed25519 in WebCrypto the fallback verifier is never fetched', async ({ page }) => {
  const fallback = [];
  page.on('request', (r) => { if (/\/ed25519\./.test(r.url())) fallback.push(r.url()); });
  await routeContent(page, good);
  await openApp(page);
  await expect(appH1(page)).toHaveText(START_TEXT);
  await choose(page, 'parent');
  expect(fallback).toEqual([]);
});

// Without WebCrypto at all (plain http on a LAN address: no secure context, no service worker
// either) nothing can be verified, so nothing is accepted: the failure screen with the crisis
// numbers, never unverified content.
test('without WebCrypto (no secure context): nothing is accepted, the failure screen shows the crisis numbers', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true });
  });
  await routeContent(page, good);
  await openApp(page, '#/', { expectFailure: true });
  await expect(appH1(page)).toHaveText(UI.nl.failure, { timeout: 20_000 });
  expect(await page.evaluate(() => typeof crypto.subtle)).toBe('undefined');
  for (const tel of ['tel:112', 'tel:113', 'tel:08000432']) await expect(page.locator(`a[href="${tel}"]:visible`).first()).toBeVisible();
});
