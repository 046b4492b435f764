// Wegwijzer service worker. GENERATED at build time from tools/sw.template.js by
// tools/postbuild.mjs: the precache list and the version below are filled in.
// Strategies (product-spec section 8):
//   - app shell (hashed js/wasm/css, icons, web manifest): cache-first
//   - navigations: network-first (3 s), falling back to the cached index.html
//   - content (under CONTENT_BASE: `content/` next to the app, or a CDN origin of its own):
//     manifest.json(.minisig) network-first, falling back to the cached copy; other content files
//     (content-addressed names) cache-first. The worker never stores content it fetched itself:
//     the content cache holds the build's own content (precache, when it ships with the app) and
//     the bundle the app last ACCEPTED, which the app posts here after verifying it
//     ({type:'CACHE_CONTENT'}, src/content.rs). The app verifies every copy again on use.
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
// Where the app fetches signed content (the same value as its <meta name="wegwijzer-content-base">).
const CONTENT_BASE = new URL(__CONTENT_BASE__, scopeUrl).href;
const rel = (url) => url.pathname.startsWith(scopeUrl.pathname) ? url.pathname.slice(scopeUrl.pathname.length) : null;
/** The file name of a content URL (`tree.<hash>.json`), or null for anything else. */
const contentName = (url) => {
  const u = new URL(url);
  if (u.search || !u.href.startsWith(CONTENT_BASE)) return null;
  const name = u.href.slice(CONTENT_BASE.length);
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) ? name : null;
};
const isContentManifest = (name) => /^manifest[^/]*$/.test(name);

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL_CACHE);
    const content = await caches.open(CONTENT_CACHE);
    await Promise.all(PRECACHE.map(async (p) => {
      const req = new Request(new URL(p, scopeUrl).href, { cache: 'reload', credentials: 'omit' });
      const res = await fetch(req);
      if (!res.ok) throw new Error(`precache ${p}: HTTP ${res.status}`);
      await (contentName(req.url) !== null ? content : shell).put(req, res);
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
  else if (data.type === 'CACHE_CONTENT' && Array.isArray(data.entries)) event.waitUntil(keepAccepted(data.entries));
  else if (data.type === 'GET_VERSION' && event.ports && event.ports[0]) event.ports[0].postMessage({ type: 'VERSION', version: VERSION });
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

/** The bundle the app has just accepted ([[name, Uint8Array], ...]) replaces the cached content. */
async function keepAccepted(entries) {
  const put = [];
  for (const e of entries) {
    const url = Array.isArray(e) && typeof e[0] === 'string' && e[1] instanceof Uint8Array ? new URL(e[0], CONTENT_BASE).href : null;
    if (url === null || contentName(url) !== e[0]) return; // not a content file name: ignore the whole message
    put.push([url, e[1]]);
  }
  const manifest = put.find(([u]) => contentName(u) === 'manifest.json');
  if (!manifest) return;
  const cache = await caches.open(CONTENT_CACHE);
  // The same manifest as the cached one: a language overlay added to the same content (keep
  // the ones used before, so switching to them works offline). Another manifest: replace.
  const old = await cache.match(manifest[0]);
  const same = old && equalBytes(new Uint8Array(await old.arrayBuffer()), manifest[1]);
  for (const [url, bytes] of put) {
    await cache.put(url, new Response(bytes, { headers: { 'Content-Type': /\.json$/.test(url) ? 'application/json' : 'text/plain', 'Content-Length': String(bytes.length) } }));
  }
  if (same) return;
  const keep = new Set(put.map(([u]) => u));
  for (const req of await cache.keys()) if (contentName(req.url) !== null && !keep.has(req.url)) await cache.delete(req);
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function cacheFirst(request, cacheName, store = true) {
  const hit = await caches.match(request, { ignoreSearch: true, cacheName });
  if (hit) return hit;
  const res = await fetch(request);
  if (store && res.ok && res.type === 'basic') {
    const copy = res.clone();
    caches.open(cacheName).then((c) => c.put(request, copy)).catch(() => {});
  }
  return res;
}

async function networkFirst(request, cacheName, fallbackPath) {
  try {
    const res = await withTimeout(fetch(request, { cache: 'no-cache' }), NETWORK_TIMEOUT_MS);
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
  const name = contentName(url);
  if (name !== null && request.mode !== 'navigate') {
    // Our signed content, same origin or the content origin: stored only once accepted (above).
    event.respondWith(isContentManifest(name) ? networkFirst(request, CONTENT_CACHE, null) : cacheFirst(request, CONTENT_CACHE, false));
    return;
  }
  if (url.origin !== scopeUrl.origin) return; // never touch third-party requests
  const p = rel(url);
  if (p === null) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL_CACHE, 'index.html'));
  } else if (p === 'sw.js' || p === 'sw-kill.js' || p === 'embed.js') {
    return; // browser-managed / host-page script: straight to the network
  } else {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  }
});
