// "In één oogopslag" (issue 11): the curated overview of the complaint system per audience, drawn
// from tree.json `overview` as a picture of stages (school -> board -> national, advice beside).
// Every rung of the content appears, in its stage, in order, in Dutch and in English; print
// shows the whole picture; the picture is axe-clean for every audience.
import { test, expect, switchLang } from './helpers.mjs';
import { TREE, org, tx, openApp, appH1 } from './bundle-tools.mjs';
import { axeCheck, formatViolations } from './helpers.mjs';

const STAGES = ['school', 'board', 'national', 'support'];

for (const lang of ['nl', 'en']) {
  test(`overview: every audience's rungs, in stage order (${lang})`, async ({ page }) => {
    await openApp(page, '#/overzicht');
    if (lang === 'en') await switchLang(page, 'en');
    await expect(appH1(page)).toHaveText(lang === 'en' ? 'At a glance' : 'In één oogopslag');
    expect(TREE.overview.length).toBe(5);
    for (const ov of TREE.overview) {
      await page.locator('#ov-aud').selectOption(ov.audience);
      await expect(page.locator('.ov-title')).toHaveText(tx(ov.title, lang));
      for (const stage of STAGES) {
        const want = ov.rungs.filter((r) => r.stage === stage).map((r) => tx(org(r.org).name, lang));
        const got = await page.locator(`.ov-${stage} .ov-org`).allInnerTexts();
        expect(got, `${ov.audience} ${stage}`).toEqual(want);
      }
      // What each rung does and does not do is on the page, as text (the picture is its own text alternative).
      // (English texts gloss Dutch terms as "adviser (vertrouwenspersoon)": compare without the glosses.)
      const text = await page.locator('.overview').evaluate((el) => {
        const c = el.cloneNode(true);
        c.querySelectorAll('i[lang="nl"]').forEach((i) => i.remove());
        return c.textContent;
      }).then((t) => t.replace(/ \(\)/g, ''));
      for (const r of ov.rungs) {
        expect(text).toContain(tx(r.does, lang));
        if (r.does_not) expect(text).toContain(tx(r.does_not, lang));
      }
      // Stages run from inside the school outwards.
      const order = await page.locator('.ov-ladder > .ov-stage').evaluateAll((els) => els.map((e) => e.className));
      const idx = order.map((c) => STAGES.findIndex((s) => c.includes(`ov-${s}`)));
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
  });
}

test('overview: axe-clean for every audience, and printable as a whole', async ({ page }) => {
  await openApp(page, '#/overzicht');
  for (const ov of TREE.overview) {
    await page.locator('#ov-aud').selectOption(ov.audience);
    await expect(page.locator('.ov-title')).toHaveText(tx(ov.title));
    const v = await axeCheck(page);
    expect(v, `${ov.audience}:\n${formatViolations(v)}`).toEqual([]);
  }
  await page.emulateMedia({ media: 'print' });
  const stages = await page.locator('.ov-stage').all();
  expect(stages.length).toBeGreaterThan(1);
  for (const stage of stages) await expect(stage).toBeVisible();
});
