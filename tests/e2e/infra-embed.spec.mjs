// Infra: public/embed.js on a host page of another origin (tests/fixtures/host.html on OTHER).
// The app's side of embedding (height messages, embed mode, quick exit inside the frame) is tested
// in the embed tests; here: the iframe embed.js creates, the option allow-list, the exact
// origin + source check of height messages, and Shift x3 on the host page.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, APP, OTHER, DIST } from './helpers.mjs';

const host = (q = '') => `${OTHER}/host.html?app=${encodeURIComponent(APP)}${q}`;

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

test('values outside the allow-list are ignored with a warning', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(host('&lang=de&audience=hacker&compact=yes'));
  const src = new URL(await page.locator('iframe').getAttribute('src'));
  expect(src.searchParams.get('lang')).toBeNull();
  expect(src.searchParams.get('audience')).toBeNull();
  expect(src.searchParams.get('compact')).toBeNull();
  expect(warnings.length).toBeGreaterThanOrEqual(3);
});

test('placeholder <div data-wegwijzer> mode', async ({ page }) => {
  await page.goto(host('&mode=div&audience=pupil_primary'));
  const frame = page.locator('#slot[data-wegwijzer] > iframe');
  await expect(frame).toHaveCount(1);
  expect(new URL(await frame.getAttribute('src')).searchParams.get('audience')).toBe('pupil_primary');
});

test('height messages: only from the app origin AND the iframe window', async ({ page }) => {
  await page.goto(host());
  const iframe = page.locator('iframe');
  await expect(iframe).toHaveCount(1);
  const frame = page.frames().find((f) => f.url().startsWith(APP)) || (await (await iframe.elementHandle()).contentFrame());
  await frame.waitForLoadState('domcontentloaded');
  // From the host page itself (origin OTHER, source window): ignored.
  await page.evaluate(() => window.postMessage({ type: 'wegwijzer:height', height: 77 }, '*'));
  await page.waitForTimeout(300);
  expect(await iframe.evaluate((f) => f.style.height)).not.toBe('77px');
  // Malformed heights from the right frame: ignored.
  await frame.evaluate(() => parent.postMessage({ type: 'wegwijzer:height', height: 'NaN' }, '*'));
  await frame.evaluate(() => parent.postMessage({ type: 'wegwijzer:height', height: -5 }, '*'));
  await page.waitForTimeout(200);
  expect(await iframe.evaluate((f) => f.style.height)).not.toMatch(/^-|NaN/);
  // From the app frame: applied.
  await frame.evaluate(() => parent.postMessage({ type: 'wegwijzer:height', height: 1234.2 }, '*'));
  await expect.poll(() => iframe.evaluate((f) => f.style.height)).toBe('1235px');
});

test('Shift three times on the host page leaves for the exit URL (replace: Back does not return)', async ({ page }) => {
  // exit-url must be https: (embed.js ignores anything else); the neutral site is stubbed here.
  const exit = 'https://exit.example/';
  await page.route('https://exit.example/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>Neutral</title><p>neutral</p>' }));
  await page.goto(`${OTHER}/index.html?first`);
  await page.goto(host(`&exit-url=${encodeURIComponent(exit)}`));
  await expect(page.locator('iframe')).toHaveCount(1);
  await page.locator('h1').click();
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  expect(page.url()).toContain('host.html');
  await page.keyboard.press('Shift');
  await page.waitForURL(exit);
  await page.goBack();
  expect(page.url()).toBe(`${OTHER}/index.html?first`);
});

test('two Shift presses more than 5 s apart do not count together', async ({ page }) => {
  await page.clock.install();
  await page.route('https://exit.example/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>Neutral</title>' }));
  await page.goto(host(`&exit-url=${encodeURIComponent('https://exit.example/')}`));
  await page.locator('h1').click();
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.clock.runFor(5100);
  await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  expect(page.url()).toContain('host.html');
});
