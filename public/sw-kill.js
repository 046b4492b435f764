// Wegwijzer service-worker KILL SWITCH. Deploy this file AS sw.js (same URL, served
// `Cache-Control: no-cache`) to retire a broken service worker in one visit:
// the browser fetches sw.js on the next navigation, installs this one, which activates at once,
// deletes every Wegwijzer cache, unregisters itself and reloads open tabs once from the network.
// The app keeps registering sw.js, so this worker is installed again on later visits: a marker
// cache makes sure tabs are reloaded only the first time (no reload loop); a normal sw.js deletes
// the marker when it activates. See docs/deploy.md ("Kill switch").
'use strict';
const MARKER = 'wegwijzer-killed';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const first = !(await caches.has(MARKER));
    for (const key of await caches.keys()) {
      if (key.startsWith('wegwijzer-') && key !== MARKER) await caches.delete(key);
    }
    await caches.open(MARKER);
    await self.registration.unregister();
    if (!first) return;
    const tabs = await self.clients.matchAll({ type: 'window' });
    for (const tab of tabs) {
      try { await tab.navigate(tab.url); } catch { /* not controlled by us, or closed */ }
    }
  })());
});
// No fetch handler: every request goes to the network.
