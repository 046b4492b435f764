// Offline PWA, product-spec section 8: after one online visit (service worker installed and
// controlling), the network is blocked at the browser context; a reload shows the first
// question, the offline indicator, and every outcome of the path-coverage table
// (the paths of content/scenarios.md) is reachable by clicking.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, APP, DIST } from './helpers.mjs';
import { CASES, walkInPage } from './bundle-tools.mjs';

/** The scenario paths (content/scenarios.md): [[answers...], expectedOutcome]. */
function cases() {
  return CASES.map((c) => [c.answers, c.outcome]);
}

/** Outcome ids of the tree that is actually deployed in dist/content. */
function deployedOutcomes() {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'content/manifest.json'), 'utf8'));
  const files = JSON.stringify(manifest);
  const treeName = /"(tree\.[0-9a-f]+\.json)"/.exec(files)[1];
  const tree = JSON.parse(fs.readFileSync(path.join(DIST, 'content', treeName), 'utf8'));
  return { start: tree.start, outcomes: tree.nodes.filter((n) => n.kind === 'outcome').map((n) => n.id).sort() };
}

test('after one visit: offline reload shows the first question, the indicator, and every outcome', async ({ page, context }) => {
  const table = cases();
  const { start, outcomes } = deployedOutcomes();
  expect(table.length).toBeGreaterThan(20);
  // The table covers every outcome of the deployed tree (else the walk below proves too little).
  expect([...new Set(table.map(([, o]) => o))].sort()).toEqual(outcomes);

  await page.goto(`${APP}/`);
  await expect(page.locator('.journey[data-node]')).toHaveAttribute('data-node', start);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.waitForFunction(() => !!navigator.serviceWorker.controller); // clients.claim() on activate
  }
  await expect(page.locator('.badge.offline')).toHaveCount(0);

  await context.setOffline(true);
  // Prove the network really is gone for this context.
  expect(await page.evaluate(() => fetch('/content/manifest.json?probe=' + Date.now(), { cache: 'no-store' })
    .then(() => 'network', () => 'offline'))).toBe('offline');
  await page.reload();
  await expect(page.locator('.journey[data-node]')).toHaveAttribute('data-node', start);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wie ben jij?');
  await expect(page.locator('.badge.offline')).toBeVisible();
  await expect(page.locator('.badge.offline')).toHaveText('Offline');
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // Walk every case in the page (fast): back to the start, then click each answer in turn.
  const results = await walkInPage(page, table);
  const wrong = results.filter((r) => r.got !== r.expected || !r.h1);
  expect(wrong, JSON.stringify(wrong, null, 1)).toEqual([]);
  expect(new Set(results.map((r) => r.got)).size).toBe(outcomes.length);
  await expect(page.locator('.badge.offline')).toBeVisible();
});
