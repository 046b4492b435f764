// Wegwijzer service-worker KILL SWITCH. Deploy this file AS sw.js (same URL, served
// `Cache-Control: no-cache`) to retire a broken service worker in one visit:
// the browser fetches sw.js on the next navigation, installs this one, which activates at once,
// deletes every Wegwijzer cache, unregisters itself and reloads open tabs from the network.
// See docs/deploy.md ("Kill switch").
'use strict';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('wegwijzer-')) await caches.delete(key);
    }
    await self.registration.unregister();
    const tabs = await self.clients.matchAll({ type: 'window' });
    for (const tab of tabs) {
      try { await tab.navigate(tab.url); } catch { /* cross-origin or closed */ }
    }
  })());
});
// No fetch handler: every request goes to the network.
