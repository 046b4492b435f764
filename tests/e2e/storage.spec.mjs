// Storage that throws: localStorage, sessionStorage and indexedDB throw on every call (or on
// access itself, or only on writing progress). The whole journey still completes to an outcome
// and the consent area says progress cannot be remembered.
import { test, expect, throwingStorage } from './helpers.mjs';
import { UI, appH1, caseFor, choose, node, openApp, restart, sensitivePath, tx } from './bundle-tools.mjs';

// Service workers stay allowed here: the app must also cope when the worker's own storage is blocked.

// A path of three questions that may be remembered (a never-stored path offers no consent at all,
// and an info screen's "verder" is no answer in the summary).
const c = caseFor('pupil_secondary', (k) => k.answers.length >= 3 && !k.answers.includes('continue') && !sensitivePath(k.answers));

for (const mode of ['calls', 'access']) {
  test(`storage that throws on every ${mode === 'calls' ? 'call' : 'access'}: the journey completes, consent says it cannot remember`, async ({ page }) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(throwingStorage, mode === 'access' ? { mode: 'access' } : {});
    await openApp(page);
    // The stub is really in place.
    expect(await page.evaluate(() => { try { localStorage.getItem('x'); return 'works'; } catch { return 'throws'; } })).toBe('throws');
    for (const a of c.answers) await choose(page, a);
    await expect(appH1(page)).toHaveText(tx(node(c.outcome).title));
    const consent = page.locator('#main .consent');
    await expect(consent).toContainText(UI.nl.storageUnavailable);
    await expect(page.getByLabel(UI.nl.remember)).toHaveCount(0);
    // Summary, change, start again and the safety page still work.
    await page.locator('#main .journey-links a', { hasText: UI.nl.yourAnswers }).click();
    await expect(page.locator('#main .summary-row')).toHaveCount(c.answers.length);
    await expect(page.locator('#main .consent')).toContainText(UI.nl.storageUnavailable);
    await restart(page);
    await page.locator('footer nav a', { hasText: 'Privacy en veiligheid' }).click();
    await expect(page.locator('#main .consent')).toContainText(UI.nl.storageUnavailable);
    // Quick exit's erase must not break either: the header button stays usable (not clicked: it leaves).
    await expect(page.locator('button.exit')).toBeEnabled();
    expect(errors).toEqual([]);
  });
}

test('storage that fails only when progress is written: consent switches to "cannot remember", the journey goes on', async ({ page }) => {
  await page.addInitScript(() => {
    const orig = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k === 'ww:progress') throw new DOMException('quota', 'QuotaExceededError');
      return orig.call(this, k, v);
    };
  });
  await openApp(page);
  await choose(page, c.answers[0]);
  await choose(page, c.answers[1]);
  await page.locator('#main .journey-links a', { hasText: UI.nl.yourAnswers }).click();
  // click, not check(): the checkbox is replaced by the notice as soon as the write fails.
  await page.getByLabel(UI.nl.remember).click();
  await expect(page.locator('#main .consent')).toContainText(UI.nl.storageUnavailable);
  expect(await page.evaluate(() => localStorage.getItem('ww:progress'))).toBeNull();
  await page.locator('#main .actions button.primary').click();
  for (const a of c.answers.slice(2)) await choose(page, a);
  await expect(appH1(page)).toHaveText(tx(node(c.outcome).title));
});
