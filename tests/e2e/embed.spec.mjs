// Embedding, product-spec section 7, seen from a school site on another origin (OTHER embeds
// the app from APP with embed.js): the iframe embed.js creates (sandboxed, titled, no referrer,
// allow-listed options only; also in placeholder mode), full height without an inner scrollbar
// at 320 and 1280 px, unknown options and values ignored with a warning, height messages from a
// wrong origin or window or with a malformed height ignored, height messages sent only to the
// exact `origin` given, storage blocked in the frame, compact. (Quick exit from the host page:
// quick-exit.spec.mjs.)
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, APP, OTHER, DIST, throwingStorage } from './helpers.mjs';

const host = (q = '') => `${OTHER}/host.html?app=${encodeURIComponent(APP)}${q}`;
const rawFrame = (q = '') => `${OTHER}/raw-frame.html?app=${encodeURIComponent(APP)}${q}`;

async function appFrame(page) {
  const iframe = page.locator('iframe').first();
  await expect(iframe).toHaveCount(1);
  const frame = await (await iframe.elementHandle()).contentFrame();
  await expect(frame.locator('.journey[data-node]')).toHaveAttribute('data-node', /./);
  return { iframe, frame };
}

/** 'ok' when the iframe is as tall as the app's content and nothing inside overflows. */
async function fit(iframe, frame) {
  const ih = await iframe.evaluate((f) => f.clientHeight);
  const m = await frame.evaluate(() => ({
    sh: document.documentElement.scrollHeight,
    sw: document.documentElement.scrollWidth,
    cw: document.documentElement.clientWidth,
    h: Math.ceil(document.documentElement.getBoundingClientRect().height),
  }));
  const ok = m.sh <= ih && Math.abs(ih - m.h) <= 2 && m.sw <= m.cw;
  return ok ? 'ok' : `iframe ${ih}px; frame scrollHeight ${m.sh}, content ${m.h}, scrollWidth ${m.sw}/${m.cw}`;
}

test('embed.js is small and dependency-free', async () => {
  const src = fs.readFileSync(path.join(DIST, 'embed.js'), 'utf8');
  expect(src).not.toMatch(/\bimport\b|\brequire\(/);
  expect(fs.statSync(path.join(DIST, 'embed.js.gz')).size).toBeLessThan(2048);
});

test('creates a sandboxed, titled, no-referrer iframe with allow-listed options only', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(host('&lang=en&audience=parent&compact=1&colour=red&evil=%3Cscript%3E'));
  const frame = page.locator('iframe');
  await expect(frame).toHaveCount(1);
  await expect(frame).toHaveAttribute('title', 'Wegwijzer sociale veiligheid');
  await expect(frame).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-top-navigation-by-user-activation');
  await expect(frame).toHaveAttribute('referrerpolicy', 'no-referrer');
  expect(await frame.getAttribute('allow')).toBeNull();
  const src = new URL(await frame.getAttribute('src'));
  expect(src.origin).toBe(APP);
  expect(src.pathname).toBe('/index.html');
  expect(Object.fromEntries(src.searchParams)).toEqual({ embed: '1', lang: 'en', audience: 'parent', compact: '1', origin: OTHER });
  expect(warnings.some((w) => /colour/.test(w))).toBe(true);
  expect(warnings.some((w) => /evil/.test(w))).toBe(true);
  // width 100% of its container, no border
  expect(await frame.evaluate((f) => Math.abs(f.getBoundingClientRect().width - parseFloat(getComputedStyle(f.parentElement).width)) < 1)).toBe(true);
  expect(await frame.evaluate((f) => getComputedStyle(f).borderTopWidth)).toBe('0px');
});

test('placeholder <div data-wegwijzer> mode', async ({ page }) => {
  await page.goto(host('&mode=div&audience=pupil_primary'));
  const frame = page.locator('#slot[data-wegwijzer] > iframe');
  await expect(frame).toHaveCount(1);
  expect(new URL(await frame.getAttribute('src')).searchParams.get('audience')).toBe('pupil_primary');
});

for (const width of [320, 1280]) {
  test(`full height, no inner scrollbar, growing and shrinking, at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(host());
    const { iframe, frame } = await appFrame(page);
    await expect.poll(() => fit(iframe, frame)).toBe('ok');
    const startHeight = await iframe.evaluate((f) => f.clientHeight);
    // A long screen (an outcome) makes it grow...
    for (const choice of ['pupil_secondary', 'bully', 'no']) {
      const before = await frame.locator('.journey').getAttribute('data-node');
      await frame.locator(`.journey [data-choice="${choice}"]`).click();
      await expect(frame.locator('.journey')).not.toHaveAttribute('data-node', before);
    }
    await expect(frame.locator('.journey')).toHaveAttribute('data-node', 'out_ps_bully');
    await expect.poll(() => fit(iframe, frame)).toBe('ok');
    const outcomeHeight = await iframe.evaluate((f) => f.clientHeight);
    expect(outcomeHeight).toBeGreaterThan(startHeight);
    // ...and a short one makes it shrink again.
    await frame.getByRole('button', { name: 'Opnieuw beginnen' }).click();
    await frame.getByRole('button', { name: 'Ja, begin opnieuw' }).click();
    await expect(frame.locator('.journey')).toHaveAttribute('data-node', 'start');
    await expect.poll(() => fit(iframe, frame)).toBe('ok');
    expect(await iframe.evaluate((f) => f.clientHeight)).toBeLessThan(outcomeHeight);
    // The host page scrolls, not the frame.
    expect(await frame.evaluate(() => getComputedStyle(document.documentElement).overflowY)).toBe('hidden');
  });
}

test('embed mode is compact: no footer, no brand, help block kept', async ({ page }) => {
  await page.goto(host('&compact=1'));
  const { frame } = await appFrame(page);
  await expect(frame.locator('html')).toHaveClass(/embedded/);
  await expect(frame.locator('.ww.embed')).toHaveCount(1);
  await expect(frame.locator('.ww.compact')).toHaveCount(1);
  await expect(frame.locator('footer.foot')).toBeHidden();
  await expect(frame.locator('header .brand')).toBeHidden();
  await expect(frame.getByRole('button', { name: 'Snel weg' })).toBeVisible();
  await expect(frame.locator('#app aside.help')).toBeVisible();
  // Top-level the same app does show its footer (the check above is not vacuous).
  await page.goto(`${APP}/`);
  await expect(page.locator('footer.foot')).toBeVisible();
});

test('unknown options and values outside the allow-list are ignored with a console warning (embed.js and the app)', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(host('&foo=1&lang=en'));
  const { iframe, frame } = await appFrame(page);
  const src = new URL(await iframe.getAttribute('src'));
  expect(src.searchParams.has('foo')).toBe(false);
  expect(src.searchParams.get('lang')).toBe('en');
  await expect(frame.locator('.journey h1')).toHaveText('Who are you?');
  expect(warnings.some((w) => /foo/.test(w) && /ignored/.test(w))).toBe(true);

  // Known options with values outside their allow-list: embed.js drops each with a warning.
  warnings.length = 0;
  await page.goto(host('&lang=de&audience=hacker&compact=yes'));
  const bad = new URL(await page.locator('iframe').getAttribute('src'));
  expect(bad.searchParams.get('lang')).toBeNull();
  expect(bad.searchParams.get('audience')).toBeNull();
  expect(bad.searchParams.get('compact')).toBeNull();
  for (const v of ['lang', 'audience', 'compact']) expect(warnings.some((w) => w.includes(v)), `warning for ${v}: ${warnings.join(' | ')}`).toBe(true);

  // The app itself, given an unknown query option directly, warns and carries on.
  warnings.length = 0;
  await page.goto(rawFrame('&extra=' + encodeURIComponent('foo=1&audience=nobody')));
  const { frame: f2 } = await appFrame(page);
  await expect(f2.locator('.journey')).toHaveAttribute('data-node', 'start');
  await expect.poll(() => warnings.filter((w) => /Wegwijzer/.test(w)).join('\n')).toMatch(/unknown option `foo`/);
  expect(warnings.join('\n')).toMatch(/invalid value for option `audience`/);
});

test('embed.js offers every language of the content: data-lang="ar" gives the Arabic app, right to left', async ({ page }) => {
  await page.goto(host('&lang=ar'));
  const { iframe, frame } = await appFrame(page);
  expect(new URL(await iframe.getAttribute('src')).searchParams.get('lang')).toBe('ar');
  await expect(frame.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(frame.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('height messages from a wrong origin or another window, or with a malformed height, are ignored by embed.js', async ({ page }) => {
  await page.goto(host());
  const { iframe, frame } = await appFrame(page);
  await expect.poll(() => fit(iframe, frame)).toBe('ok');
  const height = () => iframe.evaluate((f) => f.style.height);
  const h0 = await height();
  expect(h0).toMatch(/^\d+px$/);
  // 1. The host page's own window (origin OTHER).
  await page.evaluate(() => window.postMessage({ type: 'wegwijzer:height', height: 5 }, '*'));
  // 2. Another frame on the host's origin.
  // 3. Another frame on the APP origin that is not the embedded app (right origin, wrong source).
  await page.evaluate(([other, app]) => Promise.all([other + '/index.html', app + '/icon.svg'].map((src) => new Promise((res) => {
    const f = document.createElement('iframe');
    f.src = src; f.className = 'intruder'; f.onload = res;
    document.body.appendChild(f);
  }))), [OTHER, APP]);
  const intruders = page.frames().filter((f) => /\/index\.html$|\/icon\.svg$/.test(f.url()));
  expect(intruders.length).toBe(2);
  for (const f of intruders) await f.evaluate(() => parent.postMessage({ type: 'wegwijzer:height', height: 5 }, '*'));
  // 4. Malformed heights from the app frame itself.
  for (const bad of ['NaN', -5, null, '12px']) await frame.evaluate((h) => parent.postMessage({ type: 'wegwijzer:height', height: h }, '*'), bad);
  await page.waitForTimeout(400);
  expect(await height()).toBe(h0);
  // Control: the same message from the app frame itself is applied.
  await frame.evaluate(() => parent.postMessage({ type: 'wegwijzer:height', height: 777 }, '*'));
  await expect.poll(height).toBe('777px');
});

test('the app sends height messages only to the exact origin it was given', async ({ page }) => {
  const received = async () => page.evaluate(() => window.__messages.filter((m) => m.data && m.data.type === 'wegwijzer:height'));
  // Right origin: messages arrive, from the app origin, with only a type and a height.
  await page.goto(rawFrame());
  await appFrame(page);
  await expect.poll(async () => (await received()).length).toBeGreaterThan(0);
  for (const m of await received()) {
    expect(m.origin).toBe(APP);
    expect(Object.keys(m.data).sort()).toEqual(['height', 'type']);
  }
  // Another port, a sub-path, a wildcard: the host at OTHER receives nothing.
  for (const origin of ['http://localhost:9', `${OTHER}/`, '*', `http://127.0.0.1:${new URL(OTHER).port}`]) {
    await page.goto(rawFrame('&origin=' + encodeURIComponent(origin)));
    const { frame } = await appFrame(page);
    // Make the content change size, which would post a height.
    await frame.locator('.journey [data-choice="parent"]').click();
    await expect(frame.locator('.journey')).not.toHaveAttribute('data-node', 'start');
    await page.waitForTimeout(500);
    expect(await received(), `origin=${origin}`).toEqual([]);
  }
});

for (const mode of ['call', 'access']) {
  test(`storage blocked in the frame (${mode}): the app works and says progress is not remembered`, async ({ page }) => {
    await page.addInitScript(throwingStorage, { origin: APP, mode });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(host());
    const { frame } = await appFrame(page);
    // The init script really is active in the frame.
    expect(await frame.evaluate(() => { try { localStorage.setItem('x', '1'); return 'stored'; } catch { return 'blocked'; } })).toBe('blocked');
    await expect(frame.locator('.banners')).toContainText('Je antwoorden kunnen op dit apparaat niet worden onthouden');
    for (const choice of ['pupil_primary', 'bully']) {
      const before = await frame.locator('.journey').getAttribute('data-node');
      await frame.locator(`.journey [data-choice="${choice}"]`).click();
      await expect(frame.locator('.journey')).not.toHaveAttribute('data-node', before);
    }
    await expect(frame.locator('.journey')).toHaveAttribute('data-node', 'out_pp_bully');
    await expect(frame.locator('.consent')).toContainText('niet worden onthouden');
    await expect(frame.locator('#remember')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}
