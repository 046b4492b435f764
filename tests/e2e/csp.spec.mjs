// Content-Security-Policy, product-spec section 11: every screen, loaded from tools/server.mjs
// with the production headers, produces no CSP violation (securitypolicyviolation events and
// console reports, all frames), no console error at all, no third-party request and no cookie.
import { test, expect, APP, OTHER, collectCspViolations, collectRequests, switchLang } from './helpers.mjs';

function collectErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.location().url || ''}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

const journey = (scope) => scope.locator('.journey[data-node]');

async function choose(page, choice) {
  const before = await journey(page).getAttribute('data-node');
  await page.locator(`.journey [data-choice="${choice}"]`).click();
  await expect(journey(page)).not.toHaveAttribute('data-node', before);
  return journey(page).getAttribute('data-node');
}

test('every screen of the app: no CSP violation, no console error, no third-party request, no cookie', async ({ page, context }) => {
  const violations = await collectCspViolations(page);
  const errors = collectErrors(page);
  const requests = collectRequests(page);
  const thirdParty = () => requests.filter((r) => r.origin !== APP && !r.url.startsWith('data:')).map((r) => r.url);
  const res = await page.goto(`${APP}/`);
  // The production headers are really there.
  const csp = res.headers()['content-security-policy'] || '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')+ 'wasm-unsafe-eval'/);
  expect(csp).toContain("style-src 'self'");
  expect(res.headers()['x-frame-options']).toBeUndefined();

  const seen = [];
  const screen = async (name, check) => {
    await check();
    await page.waitForTimeout(100);
    seen.push(name);
    expect(violations, `after ${name}`).toEqual([]);
    expect(errors, `after ${name}`).toEqual([]);
    expect(thirdParty(), `third-party requests after ${name}`).toEqual([]);
    expect(await context.cookies(), `cookies after ${name}`).toEqual([]);
  };

  await screen('start', async () => {
    await expect(journey(page)).toHaveAttribute('data-node', 'start');
    await page.waitForLoadState('networkidle');
  });
  await screen('question', async () => {
    await choose(page, 'pupil_primary');
    await expect(page.locator('.journey .options [data-choice]').first()).toBeVisible();
  });
  await screen('info', async () => {
    await choose(page, 'touch');
    await expect(page.locator('.journey [data-choice="continue"]')).toBeVisible();
  });
  await screen('outcome', async () => {
    await choose(page, 'continue');
    await expect(page.locator('.journey .ladder')).toBeVisible();
  });
  const routes = [
    ['summary', '#/antwoorden'], ['organisations', '#/organisaties'], ['overview', '#/overzicht'],
    ['safety', '#/veiligheid'], ['accessibility', '#/toegankelijkheid'], ['about', '#/over'], ['schools', '#/scholen'],
    ['crisis', '#/direct/1'],
  ];
  for (const [name, hash] of routes) {
    await screen(name, async () => {
      const before = await page.locator('main#main').innerHTML();
      await page.evaluate((h) => { location.hash = h; }, hash);
      await expect.poll(() => page.locator('main#main').innerHTML()).not.toBe(before);
      await expect(page.locator('main#main h1')).toBeVisible();
    });
  }
  // English too (other strings, same markup rules).
  await screen('english', async () => {
    await switchLang(page, 'en');
  });
  // A fresh load of a deep route (static shell swapped out, SW controlling now).
  await screen('reload', async () => {
    await page.goto(`${APP}/#/veiligheid`);
    await expect(page.locator('main#main h1')).toBeVisible();
  });
  expect(seen.length).toBe(14);
});

test('the embedded app: no CSP violation, no console error', async ({ page }) => {
  const violations = await collectCspViolations(page);
  const errors = collectErrors(page);
  await page.goto(`${OTHER}/host.html?app=${encodeURIComponent(APP)}&audience=parent`);
  const frame = page.frameLocator('iframe');
  await expect(journey(frame)).toHaveAttribute('data-node', /./);
  await frame.locator('.journey [data-choice]').first().click();
  await expect(frame.locator('.journey h1')).toBeVisible();
  await page.waitForTimeout(300);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});
