// Languages (issue 15): Arabic (right to left), Turkish, Polish and Ukrainian next to Dutch and
// English, each fetched as its own signed overlay; the language menu names each language in
// itself; an unreviewed translation says so on every screen; quick exit stays the first Tab
// stop; phone links stay left to right; switching works offline for languages used before;
// read-aloud with the browser's speech synthesis (stubbed: headless Chromium has no voices).
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, APP, ROOT, axeCheck, formatViolations, switchLang } from './helpers.mjs';
import { CASES, appH1, expectedH1, openApp, tx, walk, walkInPage } from './bundle-tools.mjs';

const SITE = JSON.parse(fs.readFileSync(path.join(ROOT, 'content', 'site.json'), 'utf8'));
const LANGS = SITE.languages.map((l) => l.code);
const ui = (key, lang) => SITE.ui[key][lang] ?? SITE.ui[key].nl;
/** One path per audience, the same in every language. */
const SAMPLE = ['pupil_primary', 'pupil_secondary', 'parent', 'employee', 'leader'].map((a) => CASES.find((c) => c.answers[0] === a)).filter(Boolean);

test('the menu names every language in itself; Dutch first visit fetches no overlay, a switch fetches one', async ({ page }) => {
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  await openApp(page);
  await expect(page.locator('#lang-menu option')).toHaveText(SITE.languages.map((l) => l.name));
  expect(LANGS).toEqual(['nl', 'en', 'ar', 'tr', 'pl', 'uk']);
  expect(urls.filter((u) => /\/content\/text-/.test(u))).toEqual([]);
  await switchLang(page, 'tr');
  expect(urls.filter((u) => /\/content\/text-/.test(u)).map((u) => u.replace(/.*\/content\//, '').replace(/\.[0-9a-f]{16}\.json$/, ''))).toEqual(['text-tr']);
});

for (const lang of LANGS.filter((l) => l !== 'nl')) {
  test(`${lang}: a journey per audience in that language, with the notice, the title and <html lang>`, async ({ page }) => {
    await openApp(page);
    await switchLang(page, lang);
    const review = SITE.languages.find((l) => l.code === lang).review.status;
    for (const c of SAMPLE) {
      await page.goto(`${APP}/#/`);
      await expect(appH1(page)).toHaveText(expectedH1('start', lang));
      await walk(page, c.answers, { lang });
      await expect(appH1(page)).toHaveText(expectedH1(c.outcome, lang));
      // Titles and URLs carry no topic words, in every language.
      await expect(page).toHaveTitle(`${ui('outcome_title', lang)} — Wegwijzer`);
      expect(new URL(page.url()).hash).toMatch(/^#\/stap\/\d+$/);
    }
    const notice = page.locator('.banners .notice.translation');
    if (review === 'unreviewed') {
      await expect(notice).toContainText(ui('unreviewed', lang));
      await expect(notice.locator('[lang="nl"]').first()).toHaveText(ui('unreviewed', 'nl'));
    } else {
      await expect(notice).toHaveCount(0);
    }
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
  });
}

test('the scenario table in every language: every row reaches its outcome, its title in that language', async ({ page }) => {
  test.setTimeout(180_000);
  const table = CASES.map((c) => [c.answers, c.outcome]);
  await openApp(page);
  for (const lang of LANGS) {
    if (lang !== 'nl') await switchLang(page, lang);
    const results = await walkInPage(page, table);
    const norm = (t) => (t || '').replace(/\s+/g, ' ').trim();
    const wrong = results.filter((r) => r.got !== r.expected || norm(r.h1) !== norm(expectedH1(r.expected, lang)));
    expect(wrong.map((r) => ({ ...r, want: expectedH1(r.expected, lang) })), lang).toEqual([]);
    if (lang !== 'nl') await switchLang(page, 'nl');
  }
});

test('Arabic: right to left, quick exit still the first Tab stop, numbers left to right, one tap back to Dutch', async ({ page }) => {
  await openApp(page);
  await switchLang(page, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement.className)).toBe('exit');
  await expect(page.locator('#app .exit-bar button.exit')).toHaveText(ui('exit', 'ar'));
  // Every phone number sits alone in a left-to-right box inside the right-to-left page (after
  // Arabic words a bare "0800-0432" would show as "0432-0800"). On an outcome with call buttons.
  await page.locator('#main [data-choice="pupil_primary"]').click();
  await page.locator('#main [data-choice="bully"]').click();
  await expect(page.locator('#main a.call[href^="tel:"]').first()).toBeVisible();
  const bad = await page.locator('a[href^="tel:"]').evaluateAll((as) => as.filter((a) => {
    const boxes = [a, ...a.querySelectorAll('*')];
    return !boxes.some((e) => /^[0-9][0-9 -]*[0-9]$/.test(e.textContent.trim()) && getComputedStyle(e).direction === 'ltr'
      && (e.getAttribute('dir') === 'ltr' || getComputedStyle(e).unicodeBidi === 'isolate'));
  }).map((a) => a.outerHTML));
  expect(bad).toEqual([]);
  expect(await page.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
  await page.goto(`${APP}/#/`);
  await expect(page.locator('html')).toHaveAttribute('data-content-lang', 'ar');
  // No horizontal scrolling at 320 px (reflow).
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.locator('.notice.translation button').click();
  await expect(page.locator('html')).toHaveAttribute('data-content-lang', 'nl');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});

for (const lang of ['ar', 'nl']) {
  test(`axe on every kind of screen in ${lang}`, async ({ page }) => {
    await openApp(page);
    if (lang !== 'nl') await switchLang(page, lang);
    const c = SAMPLE[2];
    const screens = [['start', null], ['question', [c.answers[0]]], ['outcome', c.answers]];
    for (const [name, answers] of screens) {
      await page.goto(`${APP}/#/`);
      await expect(appH1(page)).toBeVisible();
      if (answers) await walk(page, answers, { lang });
      const v = await axeCheck(page);
      expect(v, `${name}: ${formatViolations(v)}`).toEqual([]);
    }
    for (const hash of ['#/veiligheid', '#/toegankelijkheid', '#/over', '#/scholen', '#/organisaties', '#/overzicht']) {
      await page.goto(`${APP}/${hash}`);
      await expect(page.locator('#main h1')).toBeVisible();
      const v = await axeCheck(page);
      expect(v, `${hash}: ${formatViolations(v)}`).toEqual([]);
    }
  });
}

test('offline: a language used before still switches; one never fetched says so and keeps the page', async ({ page, context }) => {
  await page.goto(`${APP}/`);
  await expect(page.locator('#main h1')).toBeVisible({ timeout: 20_000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await switchLang(page, 'uk');
  // The overlay reaches the worker's cache (offered after the first screen).
  await expect.poll(() => page.evaluate(async () => {
    for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) if (/text-uk\./.test(r.url)) return true;
    return false;
  }), { timeout: 10_000 }).toBe(true);
  await switchLang(page, 'nl');
  await context.setOffline(true);
  await switchLang(page, 'uk');
  await expect(appH1(page)).toHaveText(expectedH1('start', 'uk'));
  await page.locator('#lang-menu').selectOption('pl');
  // Said in the language on screen (Polish is not there to say it in), and the menu goes back.
  await expect(page.locator('.banners #notice')).toHaveText(ui('lang_unavailable', 'uk'));
  await expect(page.locator('#lang-menu')).toHaveValue('uk');
  await expect(page.locator('html')).toHaveAttribute('data-content-lang', 'uk');
  await expect(appH1(page)).toHaveText(expectedH1('start', 'uk'));
});

/** A speechSynthesis stand-in that has voices and records what would be spoken and cancels. */
async function stubSpeech(page, langs) {
  await page.addInitScript((langs) => {
    const log = (window.__speech = []);
    class U { constructor(t) { this.text = t; this.lang = ''; this.onstart = null; this.onend = null; } }
    const queue = [];
    const synth = {
      getVoices: () => langs.map((l) => ({ lang: l, name: l })),
      speak(u) { log.push(['speak', u.lang, u.text]); queue.push(u); if (queue.length === 1) setTimeout(next, 0); },
      cancel() { log.push(['cancel']); queue.length = 0; },
      onvoiceschanged: null,
    };
    // What is marked as being read when each utterance starts (its text, normalised).
    const marked = () => [...document.querySelectorAll('#main .reading')].map((e) => e.textContent.split(/\s+/).filter(Boolean).join(' '));
    function next() { const u = queue[0]; if (!u) return; u.onstart && u.onstart(); log.push(['marked', u.text, marked()]); setTimeout(() => { queue.shift(); u.onend && u.onend(); next(); }, 30); }
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    window.SpeechSynthesisUtterance = U;
  }, langs);
}

test('read-aloud: reads the heading and the options in the screen language; quick exit cancels it first', async ({ page }) => {
  await stubSpeech(page, ['nl-NL', 'ar-SA']);
  await openApp(page);
  const button = page.locator('header .read-aloud');
  await expect(button).toBeVisible();
  await expect(button).toHaveText(ui('read_aloud', 'nl'));
  await button.click();
  await expect.poll(() => page.evaluate(() => window.__speech.filter((e) => e[0] === 'speak').length)).toBeGreaterThan(3);
  const spoken = await page.evaluate(() => window.__speech.filter((e) => e[0] === 'speak'));
  expect(spoken[0]).toEqual(['speak', 'nl', expectedH1('start', 'nl')]);
  const start = JSON.parse(fs.readFileSync(path.join(ROOT, 'content', 'tree.json'), 'utf8')).nodes.find((n) => n.id === 'start');
  const texts = spoken.map((e) => e[2]).join('\n');
  for (const o of start.options) expect(texts).toContain(tx(o.label, 'nl'));
  // What is being read is marked, and only that.
  await expect.poll(() => page.evaluate(() => window.__speech.filter((e) => e[0] === 'marked').length)).toBeGreaterThan(3);
  for (const [, text, marked] of await page.evaluate(() => window.__speech.filter((e) => e[0] === 'marked'))) expect(marked).toEqual([text]);
  // When the last text has been read, nothing is marked and the button offers to read again.
  await expect(button).toHaveText(ui('read_aloud', 'nl'));
  await expect(page.locator('#main .reading')).toHaveCount(0);
  // In Arabic it speaks Arabic.
  await switchLang(page, 'ar');
  await button.click();
  await expect.poll(() => page.evaluate(() => window.__speech.filter((e) => e[0] === 'speak' && e[1] === 'ar').length)).toBeGreaterThan(0);
  // Quick exit: speech is cancelled first, before the screen is even cloaked.
  const cancels = [];
  await page.exposeFunction('__cancelled', (cloaked) => cancels.push(cloaked));
  await page.evaluate(() => {
    const orig = window.speechSynthesis.cancel;
    window.speechSynthesis.cancel = function () { window.__cancelled(document.documentElement.classList.contains('cloak')); return orig.call(this); };
  });
  await page.locator('#app .exit-bar button.exit').click();
  await expect.poll(() => cancels.length, { timeout: 5000 }).toBeGreaterThan(0);
  expect(cancels[0]).toBe(false);
});

test('read-aloud is hidden without a voice for the language', async ({ page }) => {
  await stubSpeech(page, ['nl-NL']);
  await openApp(page);
  await expect(page.locator('header .read-aloud')).toBeVisible();
  await switchLang(page, 'tr');
  await expect(page.locator('header .read-aloud')).toBeHidden();
});

test.describe('a browser set to Arabic', () => {
  test.use({ locale: 'ar-SA' });
  test('is offered Arabic once, in its own name; nothing changes without a tap', async ({ page }) => {
    await openApp(page);
    const offer = page.locator('.banners .notice.offer');
    await expect(offer).toContainText('العربية');
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await offer.locator('button[lang="ar"]').click();
    await expect(page.locator('html')).toHaveAttribute('data-content-lang', 'ar');
    await expect(offer).toHaveCount(0);
    // Once per tab: not again after a reload.
    await page.reload();
    await expect(page.locator('#main h1')).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('.banners .notice.offer')).toHaveCount(0);
  });
});
