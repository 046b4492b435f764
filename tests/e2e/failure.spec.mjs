// The static failure screen (#fatal + #static-help in index.html) when the wasm fails. The release
// wasm is built with panic=immediate-abort, so a Rust panic runs no panic hook: it is a wasm trap,
// a `WebAssembly.RuntimeError` thrown into JS. The loader that tools/postbuild.mjs writes into
// index.html shows the failure screen on such a trap and when the wasm cannot start at all; it
// leaves ordinary JS errors alone.
import { test, expect, APP } from './helpers.mjs';
import { TREE, UI, appH1, choose, expectedH1, openApp } from './bundle-tools.mjs';

test.use({ serviceWorkers: 'block' }); // page.route must see the wasm request

// A valid wasm module whose start function is `unreachable`: instantiating it traps.
const TRAP_ON_START = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, //             type section: () -> ()
  0x03, 0x02, 0x01, 0x00, //                         function section: one function of type 0
  0x08, 0x01, 0x00, //                               start section: function 0
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, //       code section: no locals, unreachable, end
]);
// The same function exported as `trap` instead of being the start function (for a trap later on).
const TRAP_EXPORT = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
  0x03, 0x02, 0x01, 0x00,
  0x07, 0x08, 0x01, 0x04, 0x74, 0x72, 0x61, 0x70, 0x00, 0x00, // export section: "trap" = function 0
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
];

function consoleErrors(page) {
  const list = [];
  page.on('console', (m) => { if (m.type() === 'error') list.push(m.text()); });
  return list;
}

async function expectFailureScreen(page) {
  await expect(page.locator('#fatal')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('#fatal h1')).toHaveText(UI.nl.failure);
  await expect(page.locator('#static-help')).toBeVisible();
  for (const tel of ['tel:112', 'tel:113', 'tel:08000432']) await expect(page.locator(`#static-help a[href="${tel}"]`)).toBeVisible();
  await expect(page.locator('#static-help .helpdesk .org-name')).toBeVisible();
  await expect(page.locator('#app')).toHaveCount(0);
  await expect(page.locator('#static-shell')).toHaveCount(0);
  // "Snel weg" stays on the failure screen.
  await expect(page.locator('#fatal a.exit')).toBeVisible();
}

test.describe('the wasm cannot start', () => {
  test('a corrupted wasm file: the failure screen with the helpdesk and crisis numbers', async ({ page }) => {
    const errors = consoleErrors(page);
    await page.route('**/*.wasm', async (route) => {
      const body = await (await route.fetch()).body();
      // Same length, garbage after the header: the module does not compile.
      const bad = Buffer.from(body);
      bad.fill(0xff, 8);
      await route.fulfill({ status: 200, contentType: 'application/wasm', body: bad });
    });
    await page.goto(`${APP}/`);
    await expectFailureScreen(page);
    expect(errors.some((t) => /^Wegwijzer: the app could not start/.test(t)), errors.join('\n')).toBe(true);
  });

  test('a trap while the wasm is instantiated: the failure screen', async ({ page }) => {
    const errors = consoleErrors(page);
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: TRAP_ON_START }));
    await page.goto(`${APP}/`);
    await expectFailureScreen(page);
    expect(errors.some((t) => /^Wegwijzer: the app could not start: RuntimeError/.test(t)), errors.join('\n')).toBe(true);
  });
});

test.describe('a trap after the app has started', () => {
  test('a WebAssembly.RuntimeError thrown from a task: the failure screen', async ({ page }) => {
    const errors = consoleErrors(page);
    await openApp(page);
    await expect(page.locator('#fatal')).toBeHidden();
    await page.evaluate(() => { setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }); });
    await expectFailureScreen(page);
    expect(errors.some((t) => /^Wegwijzer: the app stopped: RuntimeError: unreachable/.test(t)), errors.join('\n')).toBe(true);
  });

  test('a real wasm trap in a promise (unhandled rejection): the failure screen', async ({ page }) => {
    await openApp(page);
    await page.evaluate((bytes) => {
      const { trap } = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes))).exports;
      Promise.resolve().then(trap); // rejected with the RuntimeError, nobody handles it
    }, TRAP_EXPORT);
    await expectFailureScreen(page);
  });

  test('ordinary errors and rejections do not show the failure screen', async ({ page }) => {
    const errors = consoleErrors(page);
    await openApp(page);
    await page.evaluate(() => {
      setTimeout(() => { throw new Error('an ordinary error'); });
      setTimeout(() => { throw new TypeError('unreachable'); });
      Promise.reject(new Error('an ordinary rejection'));
      Promise.reject(new RangeError('unreachable'));
      Promise.reject('unreachable');
    });
    // Give the handlers time to run, then the app must still be there and working.
    await page.waitForTimeout(500);
    await expect(page.locator('#fatal')).toBeHidden();
    await expect(page.locator('#app')).toBeVisible();
    await expect(appH1(page)).toHaveText(expectedH1(TREE.start));
    await choose(page, 'parent');
    await expect(page.locator('#fatal')).toBeHidden();
    expect(errors.filter((t) => /^Wegwijzer: the app (stopped|could not start)/.test(t))).toEqual([]);
  });
});
