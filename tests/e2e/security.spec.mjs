// Security hardening (issue 13):
// - the quick-exit destination comes only from a real embedding: opened top-level, `?exit=` is
//   ignored (console warning) and both the button and Shift x3 go to the content's default;
//   inside a school's frame the exit URL of embed.js still works (product-spec section 5);
// - the other frame-only options (embed, compact, origin) do nothing top-level;
// - Trusted Types are enforced: a string assigned to innerHTML or a script URL throws, and no
//   policy other than the loader's can be created;
// - Cross-Origin-Opener-Policy: a page that opens the app keeps no handle on it.
// Exit sites are answered by local stubs (page.route): no real network.
import { test, expect, APP, OTHER } from './helpers.mjs';

const DEFAULT_EXIT = 'https://www.google.nl/'; // content/tree.json always.exit_url
const EVIL = 'https://evil.example/phish';
const SCHOOL_EXIT = 'https://exit.example/school';
const page200 = (title) => ({ status: 200, contentType: 'text/html; charset=utf-8', body: `<!doctype html><title>${title}</title><h1 id="neutral">${title}</h1>` });
const journey = (scope) => scope.locator('.journey[data-node]');

/** Stub every exit site; returns the list of URLs requested from evil.example. */
async function stubExits(context) {
  const evilHits = [];
  await context.route(/^https:\/\/www\.google\.nl\//, (r) => r.fulfill(page200('Google')));
  await context.route(/^https:\/\/exit\.example\//, (r) => r.fulfill(page200('School exit')));
  await context.route(/^https:\/\/evil\.example\//, (r) => { evilHits.push(r.request().url()); return r.fulfill(page200('Evil')); });
  return evilHits;
}

function warningsOf(page) {
  const w = [];
  page.on('console', (m) => { if (m.type() === 'warning') w.push(m.text()); });
  return w;
}

const topLevelEvil = `${APP}/?exit=${encodeURIComponent(EVIL)}`;

test('top-level ?exit= is ignored with a warning: the button goes to the content default', async ({ page, context }) => {
  const evilHits = await stubExits(context);
  const warnings = warningsOf(page);
  await page.goto(topLevelEvil);
  await expect(journey(page)).toHaveAttribute('data-node', 'start');
  await expect.poll(() => warnings.join('\n')).toMatch(/ignored option `exit`/);
  await page.getByRole('button', { name: 'Snel weg' }).click();
  await page.waitForURL(DEFAULT_EXIT);
  await expect(page.locator('#neutral')).toHaveText('Google');
  expect(evilHits).toEqual([]);
});

test('top-level ?exit= is ignored: Shift x3 goes to the content default', async ({ page, context }) => {
  const evilHits = await stubExits(context);
  await page.goto(topLevelEvil);
  await expect(journey(page)).toHaveAttribute('data-node', 'start');
  await page.locator('.journey h1').click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await page.waitForURL(DEFAULT_EXIT);
  await expect(page.locator('#neutral')).toHaveText('Google');
  expect(evilHits).toEqual([]);
});

test('top-level, the frame-only options change nothing (embed, compact, origin)', async ({ page }) => {
  const warnings = warningsOf(page);
  await page.goto(`${APP}/?embed=1&compact=1&origin=${encodeURIComponent(OTHER)}&lang=en`);
  await expect(journey(page)).toHaveAttribute('data-node', 'start');
  // lang is a preset the user can change anyway: honoured.
  await expect(page.locator('.journey h1')).toHaveText('Who are you?');
  await expect(page.locator('html')).not.toHaveClass(/embedded/);
  await expect(page.locator('.ww.embed')).toHaveCount(0);
  await expect(page.locator('footer.foot')).toBeVisible();
  for (const k of ['embed', 'compact', 'origin']) expect(warnings.join('\n')).toMatch(new RegExp(`ignored option \`${k}\``));
});

test.describe('embedded by a school (embed.js with data-exit-url)', () => {
  const host = `${OTHER}/host.html?app=${encodeURIComponent(APP)}&exit-url=${encodeURIComponent(SCHOOL_EXIT)}`;

  async function embedded(page) {
    await page.goto(host);
    const frame = page.frameLocator('iframe');
    await expect(journey(frame)).toHaveAttribute('data-node', 'start');
    // The app really got the option (so the exit below is the app's doing, not embed.js's).
    const src = new URL(await page.locator('iframe').getAttribute('src'));
    expect(src.searchParams.get('exit')).toBe(SCHOOL_EXIT);
    return frame;
  }

  test('the button in the frame takes the top window to the school\'s exit URL', async ({ page, context }) => {
    await stubExits(context);
    const frame = await embedded(page);
    await frame.getByRole('button', { name: 'Snel weg' }).click();
    await page.waitForURL(SCHOOL_EXIT);
    await expect(page.locator('#neutral')).toHaveText('School exit');
  });

  test('Shift x3 in the frame takes the top window to the school\'s exit URL', async ({ page, context }) => {
    await stubExits(context);
    const frame = await embedded(page);
    await frame.locator('button.exit').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.waitForURL(SCHOOL_EXIT);
    await expect(page.locator('#neutral')).toHaveText('School exit');
  });
});

test('Trusted Types are enforced: strings never reach an HTML or script sink', async ({ page }) => {
  const res = await page.goto(`${APP}/`);
  await expect(journey(page)).toHaveAttribute('data-node', 'start');
  const csp = res.headers()['content-security-policy'];
  expect(csp).toContain("require-trusted-types-for 'script'");
  expect(csp).toMatch(/trusted-types wegwijzer-sw(;|$)/);
  const r = await page.evaluate(() => {
    const attempt = (f) => { try { f(); return 'allowed'; } catch (e) { return e.name; } };
    const main = document.querySelector('main#main');
    const before = main.innerHTML;
    return {
      innerHTML: attempt(() => { main.innerHTML = '<img src=x onerror="window.__pwned=1">'; }),
      unchanged: main.innerHTML === before,
      insertAdjacentHTML: attempt(() => main.insertAdjacentHTML('beforeend', '<b>x</b>')),
      scriptSrc: attempt(() => { document.createElement('script').src = 'data:text/javascript,1'; }),
      otherPolicy: attempt(() => trustedTypes.createPolicy('evil', { createHTML: (s) => s })),
      samePolicyAgain: attempt(() => trustedTypes.createPolicy('wegwijzer-sw', { createScriptURL: (s) => s })),
      loaderUrl: String(window.wegwijzerSwUrl),
      loaderUrlTrusted: trustedTypes.isScriptURL(window.wegwijzerSwUrl),
      pwned: !!window.__pwned,
    };
  });
  expect(r).toEqual({
    innerHTML: 'TypeError', unchanged: true, insertAdjacentHTML: 'TypeError', scriptSrc: 'TypeError',
    otherPolicy: 'TypeError', samePolicyAgain: 'TypeError', loaderUrl: 'sw.js', loaderUrlTrusted: true, pwned: false,
  });
  // The service worker still registers, through the loader's policy.
  expect(await page.evaluate(() => navigator.serviceWorker.ready.then((reg) => new URL(reg.active.scriptURL).pathname))).toBe('/sw.js');
});

test('Cross-Origin-Opener-Policy: a page that opens the app gets no handle on it', async ({ page }) => {
  await page.goto(`${OTHER}/index.html`);
  const open = async (url) => {
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.evaluate((u) => { window.__w = window.open(u, '_blank'); }, url)]);
    await popup.waitForLoadState();
    return popup;
  };
  // Control: a page without COOP keeps its opener.
  const plain = await open(`${OTHER}/index.html?popup`);
  expect(await plain.evaluate(() => window.opener !== null)).toBe(true);
  await plain.close();
  const app = await open(`${APP}/`);
  await expect(journey(app)).toHaveAttribute('data-node', 'start');
  expect(await app.evaluate(() => window.opener)).toBeNull();
  expect(await page.evaluate(() => window.__w.closed)).toBe(true);
});
