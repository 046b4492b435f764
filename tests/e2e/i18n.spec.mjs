// Language: a switch mid-journey keeps the step and changes the texts, the title and <html lang>;
// all interface text is in English after the switch; Dutch-only fragments carry lang="nl";
// (a content text without English cannot reach the app: `wegwijzer sign` refuses missing translations).
import { test, expect, switchLang } from './helpers.mjs';
import { UI, appH1, choose, expectedH1, hashOf, node, openApp, tx, walk } from './bundle-tools.mjs';

const DUTCH_UI = ['Snel weg', 'Praat met iemand', 'Direct hulp nodig?', 'Zoek op onderwerp', 'Terug', 'Je antwoorden', 'Opnieuw beginnen',
  'Alle organisaties', 'Toegankelijkheid', 'Naar het begin', 'Ben je nu in gevaar?', 'Onthoud mijn antwoorden'];

/** Visible text of the app outside elements marked lang="nl" (the language button says "Nederlands" in Dutch). */
const englishText = (page) => page.evaluate(() => {
  const root = document.querySelector('#app').cloneNode(true);
  for (const e of root.querySelectorAll('[lang="nl"]')) e.remove();
  return root.innerText || root.textContent;
});

test.describe('language switch on one page', () => {
  test.describe.configure({ mode: 'serial' });
  let page;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await openApp(page);
  });
  test.afterAll(async () => { await page.close(); });

  test('mid-journey: same step, English texts, title and <html lang>', async () => {
    await walk(page, ['parent', 'bully']);
    const url = page.url();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page).toHaveTitle(`${UI.nl.step} 3 — Wegwijzer`);
    const menu = page.locator('#lang-menu');
    await expect(menu).toHaveValue('nl');
    // Every language is named in itself, with its own lang attribute.
    await expect(menu.locator('option')).toHaveText(['Nederlands', 'English', 'العربية', 'Türkçe', 'Polski', 'Українська']);
    await expect(menu.locator('option[value="ar"]')).toHaveAttribute('lang', 'ar');
    await switchLang(page, 'en');
    expect(page.url()).toBe(url);
    await expect(page.locator('#main .journey[data-node="pa_bully_told"]')).toBeVisible();
    await expect(appH1(page)).toHaveText(expectedH1('pa_bully_told', 'en'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle(`${UI.en.step} 3 — Wegwijzer`);
    const told = node('pa_bully_told');
    await expect(page.locator('#main ul.options button .label')).toHaveText([...told.options.map((o) => tx(o.label, 'en')), told.dont_know?.label ? tx(told.dont_know.label, 'en') : "I don't know"]);
    await expect(page.locator('#main a.back')).toHaveText(UI.en.back);
    await expect(menu).toHaveValue('en');
    const text = await englishText(page);
    for (const s of DUTCH_UI) expect(text, `Dutch interface text "${s}" in English mode`).not.toContain(s);
  });

  test('the journey goes on in English to the outcome; back to Dutch keeps the step', async () => {
    await choose(page, 'no', { lang: 'en' });
    await expect(page).toHaveTitle(`${UI.en.outcome} — Wegwijzer`);
    await expect(page.locator('#main .consent')).toContainText(UI.en.remember);
    const text = await englishText(page);
    for (const s of DUTCH_UI) expect(text, `Dutch interface text "${s}" on the English outcome`).not.toContain(s);
    await switchLang(page, 'nl');
    await expect(appH1(page)).toHaveText(tx(node('out_pa_bully').title));
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(page).toHaveTitle(`${UI.nl.outcome} — Wegwijzer`);
    expect(hashOf(page)).toBe('#/stap/4');
  });

  test('English pages; the Dutch-only schools page marks its Dutch with lang="nl"', async () => {
    await switchLang(page, 'en');
    await page.locator('footer nav a', { hasText: 'For schools' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(appH1(page)).toHaveAttribute('lang', 'nl');
    await expect(page.locator('#main div[lang="nl"]')).toHaveCount(1);
    for (const [label, h1] of [['All organisations', 'All organisations'], ['At a glance', 'At a glance'], ['Privacy and safety', 'Privacy and safety'], ['Accessibility', 'Accessibility'], ['About the Wegwijzer', 'About the Wegwijzer']]) {
      await page.locator('footer nav a', { hasText: label }).click();
      await expect(appH1(page)).toHaveText(h1);
      const text = await englishText(page);
      for (const s of DUTCH_UI) expect(text, `"${s}" on ${label}`).not.toContain(s);
    }
    await switchLang(page, 'nl');
  });
});
