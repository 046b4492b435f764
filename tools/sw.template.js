// Wegwijzer service worker. GENERATED at build time from tools/sw.template.js by
// tools/postbuild.mjs: the precache list and the version below are filled in.
// Strategies (product-spec section 8):
//   - app shell (hashed js/wasm/css, icons, web manifest): cache-first
//   - navigations: network-first (3 s), falling back to the cached index.html
//   - content/manifest*.json(.minisig): network-first, falling back to the cached copy
//     (the app verifies the signature again on every load, so a cached copy is never trusted blindly)
//   - other content files (content-addressed names): cache-first
// A new version installs and WAITS; the page asks the user and then posts {type:'SKIP_WAITING'}.
// Never skipWaiting() unconditionally. Kill switch: see docs/deploy.md (public/sw-kill.js).
'use strict';
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const PREFIX = 'wegwijzer-';
const SHELL_CACHE = `${PREFIX}shell-${VERSION}`;
const CONTENT_CACHE = `${PREFIX}content-${VERSION}`;
const NETWORK_TIMEOUT_MS = 3000;

const scopeUrl = new URL(self.registration.scope);
const rel = (url) => url.pathname.startsWith(scopeUrl.pathname) ? url.pathname.slice(scopeUrl.pathname.length) : null;
const isContent = (p) => p.startsWith('content/');
const isContentManifest = (p) => isContent(p) && /^manifest[^/]*$/.test(p.slice(p.lastIndexOf('/') + 1));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL_CACHE);
    const content = await caches.open(CONTENT_CACHE);
    await Promise.all(PRECACHE.map(async (p) => {
      const req = new Request(new URL(p, scopeUrl).href, { cache: 'reload', credentials: 'omit' });
      const res = await fetch(req);
      if (!res.ok) throw new Error(`precache ${p}: HTTP ${res.status}`);
      await (isContent(p) ? content : shell).put(req, res);
    }));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keep = new Set([SHELL_CACHE, CONTENT_CACHE]);
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && !keep.has(key)) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'SKIP_WAITING') self.skipWaiting();
  else if (data.type === 'GET_VERSION' && event.ports && event.ports[0]) event.ports[0].postMessage({ type: 'VERSION', version: VERSION });
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

async function cacheFirst(request, cacheName) {
  const hit = await caches.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === 'basic') {
    const copy = res.clone();
    caches.open(cacheName).then((c) => c.put(request, copy)).catch(() => {});
  }
  return res;
}

async function networkFirst(request, cacheName, fallbackPath) {
  try {
    const res = await withTimeout(fetch(request, { cache: 'no-cache' }), NETWORK_TIMEOUT_MS);
    if (res.ok && res.type === 'basic' && !fallbackPath) {
      const copy = res.clone();
      caches.open(cacheName).then((c) => c.put(request, copy)).catch(() => {});
    }
    if (res.ok || !fallbackPath) return res;
    throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    const hit = await caches.match(fallbackPath ? new URL(fallbackPath, scopeUrl).href : request, { ignoreSearch: !!fallbackPath, cacheName });
    if (hit) return hit;
    if (fallbackPath) return Response.error();
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scopeUrl.origin) return; // never touch third-party requests
  const p = rel(url);
  if (p === null) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL_CACHE, 'index.html'));
  } else if (isContentManifest(p)) {
    event.respondWith(networkFirst(request, CONTENT_CACHE, null));
  } else if (isContent(p)) {
    event.respondWith(cacheFirst(request, CONTENT_CACHE));
  } else if (p === 'sw.js' || p === 'sw-kill.js' || p === 'embed.js') {
    return; // browser-managed / host-page script: straight to the network
  } else {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  }
});
