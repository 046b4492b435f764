// axe-core (WCAG 2.0/2.1/2.2 A and AA): zero violations on the safety page, the page for
// schools, and the app in embed mode inside the host page's iframe.
import { test, expect, APP, OTHER, axeCheck, formatViolations } from './helpers.mjs';

for (const [name, hash] of [['safety', '#/veiligheid'], ['schools', '#/scholen']]) {
  test(`axe: the ${name} page`, async ({ page }) => {
    await page.goto(`${APP}/${hash}`);
    await expect(page.locator('main#main h1')).toBeVisible();
    await expect(page.locator('#static-shell')).toHaveCount(0);
    const v = await axeCheck(page);
    expect(v, formatViolations(v)).toEqual([]);
  });
}

test('axe: the app in embed mode, inside the iframe', async ({ page }) => {
  await page.goto(`${OTHER}/host.html?app=${encodeURIComponent(APP)}`);
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('.journey[data-node]')).toHaveAttribute('data-node', 'start');
  await expect(frame.locator('#static-shell')).toHaveCount(0);
  // Only the frame's document is ours; the host page is the school's.
  const v = await axeCheck(page, { include: 'iframe' });
  expect(v, formatViolations(v)).toEqual([]);
  // The check did look inside the frame: a violation planted in the frame is found.
  const f = page.frames().find((fr) => fr.url().startsWith(APP));
  await f.evaluate(() => { const i = document.createElement('img'); i.src = 'icon.svg'; document.querySelector('main#main').appendChild(i); });
  const planted = await axeCheck(page, { include: 'iframe' });
  expect(planted.map((x) => x.id)).toContain('image-alt');
});
