// Infra: the documented kill switch (docs/deploy.md): deploying public/sw-kill.js as sw.js retires an
// installed service worker and its caches in one visit.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, copyDist, startServer } from './helpers.mjs';

test('sw-kill.js deployed as sw.js unregisters the worker and clears the caches in one visit', async ({ page }) => {
  const dir = copyDist();
  const srv = await startServer({ dir, noCacheAll: true });
  try {
    await page.goto(srv.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.register(window.wegwijzerSwUrl, { scope: './' });
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('wegwijzer-')).length)).toBeGreaterThan(0);

    // Deploy the kill switch as sw.js (and drop the precompressed copies of the old one).
    fs.copyFileSync(path.join(dir, 'sw-kill.js'), path.join(dir, 'sw.js'));
    for (const ext of ['.br', '.gz']) fs.rmSync(path.join(dir, 'sw.js' + ext), { force: true });

    // One visit.
    await page.reload();
    await expect.poll(async () => {
      try {
        return await page.evaluate(async () => ({
          regs: (await navigator.serviceWorker.getRegistrations()).length,
          caches: (await caches.keys()).filter((k) => k.startsWith('wegwijzer-') && k !== 'wegwijzer-killed').length,
        }));
      } catch { return { regs: -1, caches: -1 }; } // the kill switch reloads the tab
    }, { timeout: 20_000 }).toEqual({ regs: 0, caches: 0 });
  } finally {
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
