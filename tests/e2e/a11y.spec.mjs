// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A+AA) with ZERO violations on every screen of the app:
// start (with topic search results and the audience picker), a question, an info screen, an
// outcome, the summary, the crisis question, the organisations page, the overview, the safety,
// accessibility, about and schools pages, and the failure screen; in light AND dark colour
// scheme. After each navigation focus is on the new h1 and the title changed. At 320 px wide
// no screen scrolls horizontally (reflow).
import { test, expect, axeCheck, formatViolations } from './helpers.mjs';
import { TREE, UI, appH1, choose, expectedH1, openApp } from './bundle-tools.mjs';

test.use({ serviceWorkers: 'block' });

const FOOTER_PAGES = [
  ['organisations', 'Alle organisaties', '#/organisaties'],
  ['overview', 'In één oogopslag', '#/overzicht'],
  ['safety', 'Privacy en veiligheid', '#/veiligheid'],
  ['accessibility', 'Toegankelijkheid', '#/toegankelijkheid'],
  ['about', 'Over de Wegwijzer', '#/over'],
  ['schools', 'Voor scholen', '#/scholen'],
];

/** After a navigation: the new h1 has focus and the title is new. Returns the new title. */
async function expectFocusAndTitle(page, prevTitle) {
  await expect(appH1(page)).toBeFocused();
  await expect(page).not.toHaveTitle(prevTitle);
  await expect(page).toHaveTitle(/ — Wegwijzer$/);
  return page.title();
}

/**
 * Visit every screen by using the app as a user would (no reloads), calling `check(name)` on each.
 * With `focus`, also assert focus and title after every navigation.
 */
async function visitScreens(page, check, { focus = false } = {}) {
  await openApp(page);
  let title = await page.title();
  const after = async (name) => { if (focus) title = await expectFocusAndTitle(page, title); await check(name); };
  await check('start');
  await page.locator('#topic-search').fill('kindertelefoon');
  await expect(page.locator('#main .org-hits')).toBeVisible();
  await check('start with organisations found');
  await page.locator('#topic-search').fill('xyzzy');
  await expect(page.locator('#main .search-results a[href="#/organisaties"]')).toBeVisible();
  await check('start with nothing found');
  await page.locator('#topic-search').fill('gepest');
  await page.locator('#main .search-results button', { hasText: 'Pesten' }).click();
  await expect(page.locator('#main #topic-note')).toBeVisible();
  await check('start with a topic chosen');
  await page.locator('#main [data-choice="pupil_primary"]').click();
  await expect(page.locator('#main #topic-note')).toHaveCount(0);
  await after('topic entry');
  await page.locator('header a.brand').click();
  await expect(page.locator('#main .journey[data-node="start"]')).toBeVisible();
  await after('start again');
  await choose(page, 'pupil_primary');
  await after('question');
  await choose(page, 'home');
  await after('info screen');
  await choose(page, 'continue');
  await after('outcome');
  await page.locator('#main button.show-all').click();
  await page.locator('#main button.restart').click();
  await expect(page.locator('#restart-confirm .confirm')).toBeVisible();
  await check('outcome with all steps shown and the restart confirmation');
  await page.locator('#restart-confirm button', { hasText: 'Nee, ga terug' }).click();
  await page.locator('#main .journey-links a', { hasText: UI.nl.yourAnswers }).click();
  await after('summary');
  await page.locator('aside.help button', { hasText: UI.nl.crisis }).click();
  await expect(appH1(page)).toHaveText(expectedH1(TREE.crisis));
  await after('crisis question');
  for (const [name, label, hash] of FOOTER_PAGES) {
    await page.locator('footer nav a', { hasText: label }).click();
    await expect(page).toHaveURL(new RegExp(`${hash}$`));
    await after(name);
  }
}

for (const scheme of ['light', 'dark']) {
  test(`axe: zero violations on every screen (${scheme})`, async ({ page }) => {
    test.setTimeout(180_000); // 15 axe runs (the organisations page is large) on a loaded 2-core machine
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    const failures = [];
    await visitScreens(page, async (name) => {
      const v = await axeCheck(page);
      if (v.length) failures.push(`${name}:\n${formatViolations(v)}`);
    }, { focus: scheme === 'light' });
    expect(failures.join('\n\n'), `axe violations (${scheme})`).toBe('');
  });

  test(`axe: zero violations on the failure screen (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.route('**/content/manifest.json', (r) => r.fulfill({ status: 404, body: 'not found' }));
    await openApp(page, '#/', { expectFailure: true });
    await expect(appH1(page)).toHaveText(UI.nl.failure);
    await expect(page.locator('#static-help a[href="tel:112"]')).toBeVisible();
    const v = await axeCheck(page);
    expect(v, formatViolations(v)).toEqual([]);
  });
}

test('reflow at 320 px: no horizontal scroll on any screen', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  const wide = [];
  await visitScreens(page, async (name) => {
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 320) {
      const culprits = await page.evaluate(() => [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 320.5 && getComputedStyle(e).position !== 'absolute')
        .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
      wide.push(`${name}: scrollWidth ${w} (${culprits.join(', ')})`);
    }
  });
  expect(wide).toEqual([]);
});

test('interactive targets are at least 44×44 px on the start screen and an outcome', async ({ page }) => {
  await openApp(page);
  const small = async () => page.evaluate(() => [...document.querySelectorAll('#app a[href], #app button, #app input, #app select, #app summary')]
    // Links inside a sentence are exempt (WCAG 2.5.8): content text (.rich) and phone numbers in text (a.inline).
    .filter((e) => e.offsetParent !== null && !e.closest('.rich') && !e.matches('a.inline') && !e.closest('.visually-hidden'))
    .map((e) => ({ e, r: e.getBoundingClientRect() }))
    .filter(({ e, r }) => (r.height < 44 || r.width < 44) && !(e.type === 'checkbox' && r.width >= 24 && r.height >= 24))
    .map(({ e, r }) => `${e.tagName.toLowerCase()} "${(e.textContent || e.id).trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`));
  expect(await small()).toEqual([]);
  await choose(page, 'parent');
  await choose(page, 'violence');
  expect(await small()).toEqual([]);
});

// The views re-render in regions (src/dom.rs). A control must keep focus while what it changes
// re-renders (WCAG 2.4.3, 3.2.2): the consent checkbox, the language button, the filters and the
// search input are never inside a region that their own change re-runs. Each part of this test
// fails if the control is re-created (the new element would not have focus).
test('controls keep focus when what they change re-renders', async ({ page }) => {
  await openApp(page, '#/veiligheid');
  await expect(appH1(page)).toHaveText('Privacy en veiligheid');
  const box = page.locator('#remember');
  // What the box changes re-renders (the "saved on this device" line on every screen).
  const saving = page.locator('.banners .saving');
  await expect(saving).toHaveCount(0);
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await expect(box).toBeFocused();
  await expect(saving).toHaveCount(1);
  await page.keyboard.press('Space');
  await expect(box).not.toBeChecked();
  await expect(box).toBeFocused();
  await expect(saving).toHaveCount(0);

  // The language menu: the page re-renders in English, the menu keeps focus.
  const lang = page.locator('#lang-menu');
  await lang.focus();
  await lang.selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('data-content-lang', 'en');
  await expect(appH1(page)).toHaveText('Privacy and safety');
  await expect(lang).toBeFocused();
  await lang.selectOption('nl');
  await expect(page.locator('html')).toHaveAttribute('data-content-lang', 'nl');
  await expect(lang).toBeFocused();

  // A filter: the list and its count change, the select keeps focus.
  await page.locator('footer a[href="#/organisaties"]').click();
  const count = page.locator('#main p.count[role="status"]');
  const before = await count.textContent();
  const select = page.locator('#f-aud');
  await select.focus();
  await select.selectOption('pupil_primary');
  await expect(count).not.toHaveText(before);
  await expect(select).toBeFocused();
  // The name filter: the list narrows while typing, the input keeps focus.
  const name = page.locator('#f-name');
  await name.focus();
  await page.keyboard.type('kinder');
  await expect(page.locator('#main .org-list > li').first()).toHaveAttribute('data-org', 'kindertelefoon');
  await expect(name).toBeFocused();

  // The search input: results appear under it while typing, it keeps focus and its text.
  await page.locator('header a.brand').click();
  const input = page.locator('#topic-search');
  await input.focus();
  await page.keyboard.type('gepest');
  await expect(page.locator('#main .search-results button').first()).toBeVisible();
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('gepest');
});
