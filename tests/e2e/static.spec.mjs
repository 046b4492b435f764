// The static first screen in index.html (painted before the wasm arrives) against the content:
// same start question, help text and options (text equality, same order and ids); its tel: links
// are phone channels of the `always` crisis organisations; and a click on a static option made
// before the wasm has loaded is not lost.
import { test, expect, APP } from './helpers.mjs';
import { TREE, UI, appH1, expectedH1, hashOf, node, org, tx } from './bundle-tools.mjs';

const start = node(TREE.start);
const telOf = (v) => `tel:${v.replace(/[^0-9+]/g, '')}`;
const crisisOrgs = TREE.always.crisis.map(org);
const alwaysPhones = new Map();
for (const o of [...crisisOrgs, org(TREE.always.helpdesk)]) {
  for (const ch of o.channels) if (ch.kind === 'phone') alwaysPhones.set(telOf(ch.value), { org: o, value: ch.value });
}

test.describe('static first screen (JavaScript off: exactly what paints before the app)', () => {
  test.use({ javaScriptEnabled: false, serviceWorkers: 'block' });

  test('start question, help text and options equal the content', async ({ page }) => {
    await page.goto(`${APP}/`);
    const shell = page.locator('#static-shell');
    await expect(shell.locator('h1')).toHaveText(tx(start.text));
    await expect(shell.locator('.help-text')).toHaveText(tx(start.help));
    const buttons = shell.locator('ul.options button[data-early]');
    await expect(buttons).toHaveText(start.options.map((o) => tx(o.label)));
    expect(await buttons.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-early')))).toEqual(start.options.map((o) => o.id));
    await expect(shell.locator('.crisis-button')).toHaveText(UI.nl.crisis);
    await expect(shell.locator('.crisis-button')).toHaveAttribute('data-early', TREE.crisis);
    await expect(shell.locator('.step-no')).toHaveText(`${UI.nl.step} 1`);
    await expect(page).toHaveTitle(/Wegwijzer/);
  });

  test('tel: links are phone channels of the always-shown crisis organisations', async ({ page }) => {
    await page.goto(`${APP}/`);
    const help = page.locator('#static-help');
    await expect(help).toBeVisible();
    const links = await help.locator('a[href^="tel:"]').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      const ch = alwaysPhones.get(l.href);
      expect(ch, `${l.href} is not a phone channel of ${TREE.always.crisis.join(', ')}`).toBeTruthy();
      expect(l.text).toBe(ch.value);
    }
    // Every always-shown crisis organisation with a phone channel has its first number there, under its name.
    const items = help.locator('.crisis-list li');
    const withPhone = crisisOrgs.filter((o) => o.channels.some((c) => c.kind === 'phone'));
    await expect(items).toHaveCount(withPhone.length);
    for (const [i, o] of withPhone.entries()) {
      const first = o.channels.find((c) => c.kind === 'phone');
      await expect(items.nth(i).locator('span').first()).toHaveText(tx(o.name));
      await expect(items.nth(i).locator('a')).toHaveAttribute('href', telOf(first.value));
    }
    // The helpdesk under its content name and website.
    const hd = org(TREE.always.helpdesk);
    await expect(help.locator('.helpdesk .org-name')).toHaveText(tx(hd.name));
    const site = hd.channels.find((c) => c.kind === 'website');
    if (site) await expect(help.locator(`.helpdesk a[href="${site.value}"]`)).toHaveCount(1);
    // <noscript> numbers are phone channels of always-shown organisations too.
    const noscript = await page.locator('noscript a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of noscript) expect(alwaysPhones.has(href), `noscript ${href}`).toBe(true);
  });
});

test.describe('static first screen with the app', () => {
  test.use({ serviceWorkers: 'block' });

  test('the app renders the same start screen and removes the static one', async ({ page }) => {
    await page.goto(`${APP}/`);
    await expect(page.locator('#static-shell')).toHaveCount(0, { timeout: 20_000 });
    await expect(appH1(page)).toHaveText(tx(start.text));
    await expect(page.locator('#main ul.options button')).toHaveText(start.options.map((o) => tx(o.label)));
    await expect(page.locator('#static-help')).toBeHidden();
    await expect(page.locator('aside.help')).toHaveCount(2); // the app's block visible, the static one hidden
  });

  for (const [choice, expected] of [['parent', nextNode('parent')], [TREE.crisis, TREE.crisis]]) {
    test(`a click on the static "${choice}" before the wasm has loaded is not lost`, async ({ page }) => {
      let release;
      const gate = new Promise((r) => { release = r; });
      let held = false;
      await page.route('**/*.wasm', async (route) => { held = true; await gate; await route.continue(); });
      await page.goto(`${APP}/`, { waitUntil: 'domcontentloaded' });
      const button = choice === TREE.crisis
        ? page.locator('#static-shell .crisis-button')
        : page.locator('#static-shell button[data-early]', { hasText: tx(start.options.find((o) => o.id === choice).label) });
      await button.click();
      await expect(button).toHaveAttribute('aria-busy', 'true');
      await expect.poll(() => held).toBe(true);
      release();
      await expect(page.locator(`#main .journey[data-node="${expected}"]`)).toBeVisible({ timeout: 20_000 });
      await expect(appH1(page)).toHaveText(expectedH1(expected));
      await expect(page.locator('#static-shell')).toHaveCount(0);
    });
  }

  test('after an early click the URL names the step and browser Back returns to the start', async ({ page }) => {
    let release;
    const gate = new Promise((r) => { release = r; });
    await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
    await page.goto(`${APP}/`, { waitUntil: 'domcontentloaded' });
    await page.locator('#static-shell button[data-early="parent"]').click();
    release();
    await expect(page.locator(`#main .journey[data-node="${nextNode('parent')}"]`)).toBeVisible({ timeout: 20_000 });
    await expect.poll(() => hashOf(page), { timeout: 2000 }).toBe('#/stap/2');
    await page.goBack();
    await expect(page.locator(`#main .journey[data-node="${TREE.start}"]`)).toBeVisible({ timeout: 5000 });
  });
});

function nextNode(choice) {
  return start.options.find((o) => o.id === choice).next;
}
