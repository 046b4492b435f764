// The journey in a real browser against the built app with the default content:
// every audience reaches an outcome whose last rung is a human; back link (deterministic) and
// browser Back; change an answer from "Je antwoorden" (prune); "Opnieuw beginnen"; topic search;
// the crisis button from a deep step; resume after reload only with consent; session-only paths
// are never saved. Answer sequences come from the CASES table of crates/core/tests/content.rs.
import { test, expect, APP } from './helpers.mjs';
import {
  AUDIENCES, CASES, TREE, UI, appH1, choose, expectedH1, hashOf, lastRung, node, org, openApp, pathOf,
  restart, storedText, tx, walk,
} from './bundle-tools.mjs';

const nl = UI.nl;
const progressKey = (page) => page.evaluate(() => localStorage.getItem('ww:progress'));

test.describe('journeys on one page', () => {
  test.describe.configure({ mode: 'serial' });
  let page;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await openApp(page);
  });
  test.afterAll(async () => { await page.close(); });

  for (const audience of AUDIENCES) {
    // The longest case of the audience: it goes deepest into its branch.
    const c = CASES.filter((k) => k.answers[0] === audience && !k.answers.includes('crisis'))
      .sort((a, b) => b.answers.length - a.answers.length)[0];
    test(`${audience}: ${c.answers.join(' → ')} reaches ${c.outcome}, last rung a human; Opnieuw beginnen`, async () => {
      await expect(page.locator('#main .journey[data-node="start"]')).toBeVisible();
      for (const [i, a] of c.answers.entries()) {
        await choose(page, a);
        expect(hashOf(page)).toBe(`#/stap/${i + 2}`);
      }
      const out = node(c.outcome);
      await expect(page.locator(`#main .journey[data-node="${c.outcome}"]`)).toBeVisible();
      await expect(appH1(page)).toHaveText(tx(out.title));
      await expect(page).toHaveTitle(`${nl.outcome} — Wegwijzer`);
      const last = org(out.steps[out.steps.length - 1].org);
      expect(last.human, `${last.id} must be a human`).toBe(true);
      const rung = await lastRung(page);
      expect(rung.count).toBe(out.steps.length);
      expect(rung.org).toBe(tx(last.name));
      // Start again: back at the start question, the walk is empty (no answer marked as chosen).
      await restart(page);
      await expect(appH1(page)).toHaveText(expectedH1('start'));
      expect(['', '#/']).toContain(hashOf(page));
      await expect(page.locator('#main [aria-pressed="true"]')).toHaveCount(0);
    });
  }

  test('back link is deterministic; browser Back and Forward follow history', async () => {
    await walk(page, ['parent', 'bully']);
    expect(hashOf(page)).toBe('#/stap/3');
    // Browser Back twice, then Forward twice.
    await page.goBack();
    await expect(page.locator('#main .journey[data-node="pa_topic"]')).toBeVisible();
    expect(hashOf(page)).toBe('#/stap/2');
    await page.goBack();
    await expect(page.locator('#main .journey[data-node="start"]')).toBeVisible();
    await expect(appH1(page)).toHaveText(expectedH1('start'));
    await page.goForward();
    await expect(page.locator('#main .journey[data-node="pa_topic"]')).toBeVisible();
    await page.goForward();
    await expect(page.locator('#main .journey[data-node="pa_bully_told"]')).toBeVisible();
    expect(hashOf(page)).toBe('#/stap/3');
    // Back link → step 2, with the earlier answer marked.
    await page.locator('#main a.back').click();
    await expect(page.locator('#main .journey[data-node="pa_topic"]')).toBeVisible();
    expect(hashOf(page)).toBe('#/stap/2');
    await expect(page.locator('#main [data-choice="bully"]')).toHaveAttribute('aria-pressed', 'true');
    // Deterministic: reach step 3 from the summary; the back link goes to step 2, not to the summary.
    await walk(page, ['bully', 'no']);
    await page.locator('#main .journey-links a', { hasText: nl.yourAnswers }).click();
    await expect(appH1(page)).toHaveText(nl.yourAnswers);
    await page.locator('#main dd.change a').nth(2).click();
    await expect(page.locator('#main .journey[data-node="pa_bully_told"]')).toBeVisible();
    await page.locator('#main a.back').click();
    await expect(page.locator('#main .journey[data-node="pa_topic"]')).toBeVisible();
    expect(hashOf(page)).toBe('#/stap/2');
  });

  test('change an answer from "Je antwoorden": what no longer applies is pruned', async () => {
    // From step 2 of the parent branch (previous test): bully → no → outcome.
    await walk(page, ['bully', 'no']);
    await page.locator('#main .journey-links a', { hasText: nl.yourAnswers }).click();
    expect(hashOf(page)).toBe('#/antwoorden');
    await expect(page).toHaveTitle(`${nl.yourAnswers} — Wegwijzer`);
    const rows = page.locator('#main .summary-row');
    await expect(rows).toHaveCount(3);
    const told = node('pa_bully_told');
    await expect(rows.nth(2).locator('dt')).toHaveText(tx(told.text));
    await expect(rows.nth(2).locator('dd').first()).toHaveText(tx(told.options.find((o) => o.id === 'no').label));
    // Change the topic (row 2) to violence: that branch has no "told" question.
    await rows.nth(1).locator('dd.change a').click();
    await expect(page.locator('#main .journey[data-node="pa_topic"]')).toBeVisible();
    await choose(page, 'violence');
    await expect(page.locator('#main .journey[data-node="out_pa_violence"]')).toBeVisible();
    await expect(page.locator('.banners .notice[role="status"]')).toContainText(nl.pruned);
    await page.locator('#main .journey-links a', { hasText: nl.yourAnswers }).click();
    await expect(rows).toHaveCount(2);
    await expect(page.locator('#main .summary')).not.toContainText(tx(told.text));
    await expect(page.locator('#main .summary')).toContainText(tx(node('pa_topic').options.find((o) => o.id === 'violence').label));
    // Opnieuw beginnen from the summary.
    await restart(page);
  });

  test('topic search on the start screen asks the audience once (the start question), then lands in the branch', async () => {
    const bullying = TREE.topics.find((t) => t.id === 'bullying');
    await page.locator('#topic-search').fill('gepest');
    const hit = page.locator('#main .search-results button', { hasText: tx(bullying.label) });
    await expect(hit).toBeVisible();
    await hit.click();
    // No second copy of "Wie ben jij?": a note above the start question's own buttons, focused.
    await expect(page.locator('#main #topic-note')).toBeFocused();
    await expect(page.locator('#main #topic-note')).toContainText(tx(bullying.label));
    await expect(page.locator('#main h1')).toHaveCount(1);
    await expect(page.locator('#main [data-choice="parent"]')).toHaveCount(1);
    await page.locator('#main [data-choice="parent"]').click();
    const target = bullying.entry.parent;
    await expect(page.locator(`#main .journey[data-node="${target}"]`)).toBeVisible();
    await expect(appH1(page)).toHaveText(expectedH1(target));
    // The walk is as if clicked: the step number equals the path length to the target.
    const steps = pathOf(['parent', 'bully']);
    expect(steps[steps.length - 1]).toBe(target);
    expect(hashOf(page)).toBe(`#/stap/${steps.length}`);
  });

  test('topic search with an audience already chosen jumps straight into that audience\'s branch', async () => {
    await page.locator('#main .journey-links a', { hasText: nl.yourAnswers }).click();
    await restart(page);
    await choose(page, 'pupil_secondary');
    await page.locator('#main a.back').click();
    await expect(page.locator('#main .journey[data-node="start"]')).toBeVisible();
    await page.locator('#topic-search').fill('gepest');
    await page.locator('#main .search-results button', { hasText: 'Pesten' }).click();
    const target = TREE.topics.find((t) => t.id === 'bullying').entry.pupil_secondary;
    await expect(page.locator(`#main .journey[data-node="${target}"]`)).toBeVisible();
    await expect(page.locator('#main #topic-note')).toHaveCount(0);
  });

  test('the crisis button from a deep step; its back link returns to the main walk', async () => {
    await page.locator('#main .journey-links a', { hasText: nl.yourAnswers }).click();
    await restart(page);
    await walk(page, ['parent', 'bully']);
    await page.locator('aside.help button', { hasText: nl.crisis }).click();
    expect(hashOf(page)).toBe('#/direct/1');
    await expect(page.locator(`#main .journey[data-node="${TREE.crisis}"]`)).toBeVisible();
    await expect(appH1(page)).toHaveText(expectedH1(TREE.crisis));
    await expect(appH1(page)).toBeFocused();
    await choose(page, 'danger');
    expect(hashOf(page)).toBe('#/direct/2');
    await expect(page.locator('#main a[href="tel:112"]').first()).toBeVisible();
    await page.locator('#main a.back').click();
    await expect(page.locator(`#main .journey[data-node="${TREE.crisis}"]`)).toBeVisible();
    await page.locator('#main a.back').click();
    await expect(page.locator('#main .journey[data-node="pa_bully_told"]')).toBeVisible();
    expect(hashOf(page)).toBe('#/stap/3');
  });
});

test.describe('progress on this device', () => {
  test('resume in a new tab WITH consent lands on the same step', async ({ page, context }) => {
    await openApp(page);
    await walk(page, ['parent', 'bully']);
    await page.locator('#main .journey-links a', { hasText: nl.yourAnswers }).click();
    const box = page.getByLabel(nl.remember);
    await box.check();
    await expect(box).toBeChecked();
    await expect.poll(() => progressKey(page)).not.toBeNull();
    await page.locator('#main .actions button.primary').click();
    await expect(page.locator('#main .journey[data-node="pa_bully_told"]')).toBeVisible();
    expect(hashOf(page)).toBe('#/stap/3');
    // A new tab (no tab state): the saved progress is offered.
    await page.close();
    page = await context.newPage();
    await openApp(page);
    const resume = page.locator('#main section.resume');
    await expect(resume).toBeVisible({ timeout: 20_000 });
    await expect(resume.locator('h2')).toHaveText(nl.resumeTitle);
    await resume.locator('button', { hasText: nl.resumeYes }).click();
    await expect(page.locator('#main .journey[data-node="pa_bully_told"]')).toBeVisible();
    expect(hashOf(page)).toBe('#/stap/3');
    await expect(appH1(page)).toHaveText(expectedH1('pa_bully_told'));
    // The earlier answers are back: the summary lists them.
    await page.locator('#main .journey-links a', { hasText: nl.yourAnswers }).click();
    await expect(page.locator('#main .summary-row')).toHaveCount(2);
    // "Wis mijn gegevens": progress and consent are gone, the box is unticked, a reload starts fresh.
    await page.locator('#main .consent button', { hasText: 'Wis mijn gegevens' }).click();
    await expect(page.getByLabel(nl.remember)).not.toBeChecked();
    // The confirmation is next to the button, not at the top of the page.
    await expect(page.locator('#main .consent .local-status')).toHaveText(nl.wiped);
    await expect.poll(() => progressKey(page)).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem('ww:consent'))).toBeNull();
    await page.goto(`${APP}/#/`);
    await page.reload();
    await expect(page.locator('#main .journey[data-node="start"]')).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('#main section.resume')).toHaveCount(0);
  });

  test('NO device storage without consent: only this tab keeps the walk; a new tab starts fresh', async ({ page, context }) => {
    await openApp(page);
    await walk(page, ['pupil_secondary', 'bully']);
    expect(await progressKey(page)).toBeNull();
    const local = () => page.evaluate(() => Object.keys(localStorage).filter((k) => !['ww:content', 'ww:seen'].includes(k)).map((k) => k + '=' + localStorage.getItem(k)).join('\n'));
    expect(await local()).toBe('');
    const fresh = await context.newPage();
    await openApp(fresh);
    await expect(fresh.locator('#main .journey[data-node="start"]')).toBeVisible();
    await expect(fresh.locator('#main section.resume')).toHaveCount(0);
    await expect(fresh.locator('#main [aria-pressed="true"]')).toHaveCount(0);
    expect(await fresh.evaluate(() => localStorage.getItem('ww:consent'))).toBeNull();
    await fresh.close();
  });

  test('session-only (sexual) paths are never saved, even with consent', async ({ page }) => {
    await openApp(page);
    await choose(page, 'parent');
    await page.locator('#main .journey-links a', { hasText: nl.yourAnswers }).click();
    await page.getByLabel(nl.remember).check();
    await expect.poll(() => progressKey(page)).toContain('parent');
    await page.locator('#main .actions button.primary').click();
    const c = CASES.find((k) => k.answers[0] === 'parent' && k.answers[1] === 'sexual');
    const reached = [];
    for (const a of c.answers.slice(1)) {
      reached.push(await choose(page, a));
      // Settle the persistence effect, then nothing about this path may be stored.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      expect(await progressKey(page)).toBeNull();
      const stored = await storedText(page);
      for (const id of ['sexual', ...reached]) expect(stored).not.toContain(id);
    }
    expect(reached[reached.length - 1]).toBe(c.outcome);
    // The consent box says these answers are not kept, and cannot be ticked here.
    await expect(page.locator('#main .consent')).toContainText(nl.rememberDisabled);
    await expect(page.getByLabel(nl.remember)).toBeDisabled();
    await expect(page.getByLabel(nl.remember)).not.toBeChecked();
    await page.reload();
    await expect(page.locator('#main .journey[data-node="start"]')).toBeVisible({ timeout: 20_000 });
    // Nothing was saved (the consent was given before the session-only answer, and that
    // answer removed the saved progress), so there is nothing to offer to resume.
    await expect(page.locator('#main section.resume')).toHaveCount(0);
    expect(await storedText(page)).not.toContain('sexual');
  });
});

test('the start question names every audience of the content', async ({ page }) => {
  await openApp(page);
  for (const a of AUDIENCES) await expect(page.locator(`#main [data-choice="${a}"]`)).toHaveText(tx(node(TREE.start).options.find((o) => o.id === a).label));
  await expect(page).toHaveTitle(`${nl.step} 1 — Wegwijzer`);
});
