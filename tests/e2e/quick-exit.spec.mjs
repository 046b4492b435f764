// Quick exit ("Snel weg"), product-spec section 5: by click and by Shift x3 (visible and announced
// progress, 5 s window), erasing local/session storage and IndexedDB, location.replace to the
// neutral site (Back does not return to the app), first Tab stop; and from a cross-origin,
// sandboxed iframe the TOP window leaves (click and Shift x3 in the frame, Shift x3 on the host).
// The exit site https://www.google.nl/ is answered by a local stub: no real network.
import { test, expect, APP, OTHER } from './helpers.mjs';

const EXIT = 'https://www.google.nl/';
const EXIT_RE = /^https:\/\/www\.google\.nl\//;
const host = (q = '') => `${OTHER}/host.html?app=${encodeURIComponent(APP)}${q}`;

test.beforeEach(async ({ context }) => {
  await context.route(EXIT_RE, (route) => route.fulfill({
    status: 200, contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="nl"><title>Google</title><h1 id="neutral">Neutrale pagina</h1></html>',
  }));
});

const journey = (scope) => scope.locator('.journey[data-node]');

async function seedAndWalk(page) {
  // A neutral page first, so Back has somewhere to go that is not the app.
  await page.goto(`${OTHER}/index.html?before`);
  await page.goto(`${APP}/`);
  await expect(journey(page)).toHaveAttribute('data-node', 'start');
  // Walk to an outcome (pushes history entries) and opt in to remembering.
  for (const choice of ['pupil_primary', 'bully']) {
    const before = await journey(page).getAttribute('data-node');
    await page.locator(`.journey [data-choice="${choice}"]`).click();
    await expect(journey(page)).not.toHaveAttribute('data-node', before);
  }
  await expect(journey(page)).toHaveAttribute('data-node', 'out_pp_bully');
  await page.locator('#remember').check();
  await page.evaluate(async () => {
    sessionStorage.setItem('ww:test-session', 'x');
    await new Promise((resolve, reject) => {
      const req = indexedDB.open('ww-test-db', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('answers');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction('answers', 'readwrite');
        tx.objectStore('answers').put('pesten', 'topic');
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    });
  });
  // The seed really is there (so "empty afterwards" means erased); the content cache is written
  // two tasks after the first screen.
  await expect.poll(async () => (await storageOf(page)).caches).toEqual(['ww-content']);
  const seeded = await storageOf(page);
  expect(seeded.local).toEqual(expect.arrayContaining(['ww:consent', 'ww:progress']));
  // This tab's walk and language (kept for a reload) are there too, and must be erased.
  expect(seeded.session).toEqual(['ww:lang', 'ww:tab', 'ww:test-session']);
  expect(seeded.idb).toEqual(['ww-test-db']);
}

/** Keys of local/session storage, IndexedDB database names and the app's own Cache API caches
 *  (`ww-…`: the last verified content; the service worker's `wegwijzer-…` caches hold no answers
 *  and stay, as the privacy page says) of the current document's origin. */
function storageOf(page) {
  return page.evaluate(async () => ({
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage).sort(),
    idb: (await indexedDB.databases()).map((d) => d.name).sort(),
    caches: (await caches.keys()).filter((k) => k.startsWith('ww-')).sort(),
  }));
}

async function expectLeftAndErased(page) {
  await page.waitForURL(EXIT_RE);
  await expect(page).toHaveTitle('Google');
  await expect(page.locator('#neutral')).toBeVisible();
  // Back: the page before the app, never the app (location.replace + our own entries skipped).
  await page.goBack();
  expect(page.url()).toBe(`${OTHER}/index.html?before`);
  // Same tab (same sessionStorage), app origin, a document that is not the app.
  await page.goto(`${APP}/icon.svg`);
  expect(await storageOf(page)).toEqual({ local: [], session: [], idb: [], caches: [] });
}

test('"Snel weg" is the first Tab stop', async ({ page }) => {
  await page.goto(`${APP}/`);
  await expect(journey(page)).toHaveAttribute('data-node', 'start');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({ tag: document.activeElement.tagName, cls: document.activeElement.className, text: document.activeElement.textContent.trim() }));
  expect(focused).toEqual({ tag: 'BUTTON', cls: 'exit', text: 'Snel weg' });
});

test('click "Snel weg": storage and IndexedDB erased, neutral site, Back does not show the app', async ({ page }) => {
  await seedAndWalk(page);
  await page.getByRole('button', { name: 'Snel weg' }).click();
  await expectLeftAndErased(page);
});

test('Shift three times: progress shown and announced, then the same exit', async ({ page }) => {
  await seedAndWalk(page);
  const status = page.locator('.shift-progress');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toHaveAttribute('aria-live', /assertive|polite/);
  await page.locator('.journey h1').click();
  await page.keyboard.press('Shift');
  await expect(status).toHaveText('Snel weg: druk nog 2 keer op Shift.');
  await expect(status).toBeVisible();
  await page.keyboard.press('Shift');
  await expect(status).toHaveText('Snel weg: druk nog 1 keer op Shift.');
  expect(page.url().startsWith(APP)).toBe(true);
  await page.keyboard.press('Shift');
  await expectLeftAndErased(page);
});

test('Shift presses more than 5 s apart do not add up', async ({ page }) => {
  await page.clock.install();
  await page.goto(`${APP}/`);
  await expect(journey(page)).toHaveAttribute('data-node', 'start');
  const status = page.locator('.shift-progress');
  await page.locator('.journey h1').click();
  await page.keyboard.press('Shift');
  await page.clock.runFor(4000);
  await page.keyboard.press('Shift'); // within 5 s of the first: counts, and restarts the window
  await expect(status).toHaveText('Snel weg: druk nog 1 keer op Shift.');
  await page.clock.runFor(5100);
  await expect(status).toHaveText('');
  await page.keyboard.press('Shift');
  await expect(status).toHaveText('Snel weg: druk nog 2 keer op Shift.');
  await page.keyboard.press('Shift');
  await expect(status).toHaveText('Snel weg: druk nog 1 keer op Shift.');
  expect(page.url().startsWith(APP)).toBe(true);
});

async function embedded(page) {
  await page.goto(`${OTHER}/index.html?before`);
  await page.goto(host());
  const iframe = page.locator('iframe');
  await expect(iframe).toHaveAttribute('sandbox', /allow-top-navigation-by-user-activation/);
  const frame = page.frameLocator('iframe');
  await expect(journey(frame)).toHaveAttribute('data-node', 'start');
  return frame;
}

async function expectTopLeft(page) {
  await page.waitForURL(EXIT_RE);
  await expect(page.locator('#neutral')).toBeVisible();
  await page.goBack();
  expect(page.url()).toBe(`${OTHER}/index.html?before`);
}

test('in a cross-origin sandboxed iframe: clicking "Snel weg" leaves the top window', async ({ page }) => {
  const frame = await embedded(page);
  await frame.getByRole('button', { name: 'Snel weg' }).click();
  await expectTopLeft(page);
});

test('in a cross-origin sandboxed iframe: Shift x3 in the frame leaves the top window', async ({ page }) => {
  const frame = await embedded(page);
  // Focus the frame without a click, so the keys themselves are the gesture.
  await frame.locator('button.exit').focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift');
  await expect(frame.locator('.shift-progress')).toHaveText('Snel weg: druk nog 1 keer op Shift.');
  expect(page.url()).toContain('/host.html');
  await page.keyboard.press('Shift');
  await expectTopLeft(page);
});

test('Shift x3 on the host page (embed.js) leaves as well, to the school\'s data-exit-url when it sets one', async ({ page }) => {
  await embedded(page);
  await page.locator('h1').first().click();
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  expect(page.url()).toContain('/host.html');
  await page.keyboard.press('Shift');
  await expectTopLeft(page);

  // data-exit-url (https: only; the neutral site is stubbed), with location.replace: Back does
  // not return to the host page.
  const exit = 'https://exit.example/';
  await page.route('https://exit.example/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>Neutral</title><p>neutral</p>' }));
  await page.goto(`${OTHER}/index.html?first`);
  await page.goto(host(`&exit-url=${encodeURIComponent(exit)}`));
  await expect(page.locator('iframe')).toHaveCount(1);
  await page.locator('h1').first().click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.waitForURL(exit);
  await page.goBack();
  expect(page.url()).toBe(`${OTHER}/index.html?first`);
});

test('on the host page (embed.js), two Shift presses more than 5 s apart do not count together', async ({ page }) => {
  await page.clock.install();
  await page.route('https://exit.example/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>Neutral</title>' }));
  await page.goto(host(`&exit-url=${encodeURIComponent('https://exit.example/')}`));
  await page.locator('h1').first().click();
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.clock.runFor(5100);
  await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  expect(page.url()).toContain('host.html');
});

// Quick exit while the content is still loading: the static first screen erases storage and leaves
// at once, but the old page keeps running until the neutral site answers. A content load that
// finishes in that moment must not write its cache back (the app refuses writes once `<html>` is
// cloaked). Without that guard this test finds `ww:content` and `ww:seen` afterwards.
test('quick exit during content loading: nothing is written after the wipe', async ({ page, context }) => {
  await context.unroute(EXIT_RE);
  // A slow neutral site keeps the old page alive while the held content request goes through.
  await context.route(EXIT_RE, async (route) => {
    await new Promise((r) => setTimeout(r, 2500));
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="nl"><title>Google</title><h1 id="neutral">Neutrale pagina</h1></html>' });
  });
  let release;
  const held = new Promise((r) => { release = r; });
  const seenManifest = page.waitForRequest(/\/content\/manifest\.json$/);
  await page.route(/\/content\/manifest\.json$/, async (route) => { await held; await route.continue(); });
  await page.goto(`${APP}/`);
  await seenManifest;
  expect(await page.evaluate(() => document.getElementById('app').hidden), 'the app is still loading').toBe(true);
  await page.locator('#static-shell a.exit').click({ noWaitAfter: true });
  release();
  await page.waitForURL(EXIT_RE, { timeout: 15_000 });
  await expect(page.locator('#neutral')).toBeVisible();
  // App origin, a document that is not the app (it would load and cache content itself).
  await page.goto(`${APP}/icon.svg`);
  expect(await storageOf(page)).toEqual({ local: [], session: [], idb: [], caches: [] });
});
