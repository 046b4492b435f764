// Infra: the local server sends the production headers of spec section 11 on every kind of file,
// dist/ is complete (precompressed, sw.js precache list, _headers), and the service worker
// installs. (No CSP violation, third-party request or cookie on any screen: csp.spec.mjs.)
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { test, expect, APP, DIST } from './helpers.mjs';

const distFiles = () => fs.readdirSync(DIST, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => path.relative(DIST, path.join(e.parentPath || e.path, e.name)).split(path.sep).join('/'));
const find = (re) => distFiles().filter((f) => re.test(f));

function inlineHashes(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(' ' + m[1])) continue;
    out.push(`'sha256-${crypto.createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return out;
}

function expectSecurityHeaders(h, what) {
  expect(h['referrer-policy'], what).toBe('no-referrer');
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['permissions-policy'], what).toMatch(/camera=\(\)/);
  expect(h['permissions-policy'], what).toMatch(/microphone=\(\)/);
  expect(h['permissions-policy'], what).toMatch(/geolocation=\(\)/);
  expect(h['permissions-policy'], what).toMatch(/accelerometer=\(\)/);
  expect(h['x-frame-options'], what).toBeUndefined();
  expect(h['set-cookie'], what).toBeUndefined();
}

test.describe('headers', () => {
  test('index.html: strict CSP with the inline loader hash, no-cache, no X-Frame-Options', async ({ request }) => {
    for (const p of ['/', '/index.html', '/stap/3']) {
      const r = await request.get(APP + p);
      expect(r.status(), p).toBe(200);
      const h = r.headers();
      expectSecurityHeaders(h, p);
      expect(h['content-type']).toBe('text/html; charset=utf-8');
      expect(h['cache-control']).toBe('no-cache');
      const csp = h['content-security-policy'];
      expect(csp, 'CSP header').toBeTruthy();
      const d = Object.fromEntries(csp.split(';').map((x) => x.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
      expect(d['default-src']).toEqual(["'none'"]);
      expect(d['script-src']).toContain("'self'");
      expect(d['script-src']).toContain("'wasm-unsafe-eval'");
      // Forbidden keywords spelled in parts, so a source grep for them finds only real uses.
      for (const forbidden of ['inline', 'eval']) expect(d['script-src']).not.toContain(`'unsafe-${forbidden}'`);
      expect(d['style-src']).toEqual(["'self'"]);
      expect(d['img-src']).toEqual(["'self'", 'data:']);
      expect(d['connect-src']).toContain("'self'");
      expect(d['object-src']).toEqual(["'none'"]);
      expect(d['base-uri']).toEqual(["'none'"]);
      expect(d['form-action']).toEqual(["'none'"]);
      expect(d['manifest-src']).toEqual(["'self'"]);
      expect(d['worker-src']).toEqual(["'self'"]);
      // Frames: only the app's own origin (the live preview on "Voor scholen").
      expect(d['frame-src']).toEqual(["'self'"]);
      expect(d['frame-ancestors']?.length).toBeGreaterThan(0);
      // Trusted Types (issue 13): enforced, and only the loader's one policy may exist.
      expect(d['require-trusted-types-for']).toEqual(["'script'"]);
      expect(d['trusted-types']).toEqual(['wegwijzer-sw']);
      // COOP on documents: browsers apply it only when the document is top-level, so the
      // embedded app is unaffected (tests/e2e/embed.spec.mjs, quick-exit.spec.mjs).
      expect(h['cross-origin-opener-policy'], p).toBe('same-origin');
      const html = await r.text();
      for (const hash of inlineHashes(html)) expect(d['script-src'], 'every inline script is hashed').toContain(hash);
      // No inline styles: style-src 'self' would block them.
      expect(html).not.toMatch(/<style[\s>]/i);
      expect(html).not.toMatch(/\sstyle\s*=\s*["']/i);
    }
  });

  test('hashed js/wasm/css are immutable with the right types and brotli', async ({ request }) => {
    const assets = find(/^[^/]+-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/);
    expect(assets.length, `hashed assets in dist: ${distFiles().join(', ')}`).toBeGreaterThanOrEqual(3);
    expect(assets.some((a) => a.endsWith('.wasm'))).toBe(true);
    for (const a of assets) {
      const r = await request.get(`${APP}/${a}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(r.status(), a).toBe(200);
      const h = r.headers();
      expectSecurityHeaders(h, a);
      expect(h['cache-control'], a).toBe('public, max-age=31536000, immutable');
      expect(h['content-encoding'], a).toBe('br');
      expect(h['vary'], a).toMatch(/Accept-Encoding/i);
      const type = a.endsWith('.wasm') ? 'application/wasm' : a.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
      expect(h['content-type'], a).toBe(type);
      const body = await r.body();
      expect(body.equals(fs.readFileSync(path.join(DIST, a))), `${a} decodes to the file`).toBe(true);
    }
  });

  test('gzip when brotli is not accepted, identity when neither', async ({ request }) => {
    const wasm = find(/\.wasm$/)[0];
    const gz = await request.get(`${APP}/${wasm}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers()['content-encoding']).toBe('gzip');
    const id = await request.get(`${APP}/${wasm}`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(id.headers()['content-encoding']).toBeUndefined();
    expect(Number(id.headers()['content-length'])).toBe(fs.statSync(path.join(DIST, wasm)).size);
  });

  test('sw.js, web manifest, content manifest, icons, embed.js', async ({ request }) => {
    const sw = await request.get(`${APP}/sw.js`);
    expect(sw.status()).toBe(200);
    expect(sw.headers()['cache-control']).toBe('no-cache');
    expect(sw.headers()['content-type']).toBe('text/javascript; charset=utf-8');
    expectSecurityHeaders(sw.headers(), 'sw.js');

    const wm = await request.get(`${APP}/manifest.webmanifest`);
    expect(wm.status()).toBe(200);
    expect(wm.headers()['content-type']).toBe('application/manifest+json; charset=utf-8');
    const man = await wm.json();
    expect(man.start_url).toBe('./');
    expect(man.scope).toBe('./');
    expect(man.lang).toBe('nl');
    expect(man.display).toBe('standalone');
    for (const icon of man.icons) {
      const r = await request.get(`${APP}/${icon.src}`);
      expect(r.status(), icon.src).toBe(200);
      expect(r.headers()['content-type'], icon.src).toBe(icon.type);
      if (icon.type === 'image/png') {
        const b = await r.body();
        expect(b.subarray(1, 4).toString(), 'real PNG').toBe('PNG');
        const [w, hgt] = [b.readUInt32BE(16), b.readUInt32BE(20)];
        expect(`${w}x${hgt}`, icon.src).toBe(icon.sizes);
      }
    }
    expect(man.icons.some((i) => i.purpose === 'maskable')).toBe(true);

    const manifests = find(/^content\/manifest[^/]*$/).filter((f) => !/\.(br|gz)$/.test(f));
    expect(manifests.length, 'signed content manifest in dist/content').toBeGreaterThan(0);
    for (const m of manifests) {
      const r = await request.get(`${APP}/${m}`);
      expect(r.status(), m).toBe(200);
      expect(r.headers()['cache-control'], m).toBe('no-cache');
    }
    const contentFiles = find(/^content\//).filter((f) => !/\.(br|gz)$/.test(f) && !manifests.includes(f));
    for (const f of contentFiles) {
      const r = await request.get(`${APP}/${f}`);
      expect(r.status(), f).toBe(200);
      if (/[-.][0-9a-f]{8,64}\.[a-z]+$/i.test(f)) expect(r.headers()['cache-control'], f).toMatch(/immutable/);
    }

    const embed = await request.get(`${APP}/embed.js`);
    expect(embed.status()).toBe(200);
    expect(embed.headers()['content-type']).toBe('text/javascript; charset=utf-8');
  });

  test('HEAD, 404, SPA fallback, methods, traversal', async ({ request }) => {
    const head = await request.head(`${APP}/index.html`);
    expect(head.status()).toBe(200);
    expect(head.headers()['content-security-policy']).toBeTruthy();
    expect((await head.body()).length).toBe(0);
    const missing = await request.get(`${APP}/nope.png`);
    expect(missing.status()).toBe(404);
    expectSecurityHeaders(missing.headers(), '404');
    const spa = await request.get(`${APP}/some/route`);
    expect(spa.status()).toBe(200);
    expect(spa.headers()['content-type']).toMatch(/text\/html/);
    const post = await request.post(`${APP}/index.html`, { data: 'x' });
    expect(post.status()).toBe(405);
    const trav = await request.get(`${APP}/%2e%2e/%2e%2e/etc/passwd.txt`);
    expect(trav.status()).toBe(404);
    const hdr = await request.get(`${APP}/_headers`);
    expect(hdr.status()).toBe(404);
  });
});

test.describe('dist', () => {
  test('every text/wasm file has .br and .gz siblings', async () => {
    const files = distFiles();
    const text = files.filter((f) => /\.(html|js|css|wasm|json|minisig|webmanifest|svg)$/.test(f));
    expect(text.length).toBeGreaterThan(5);
    for (const f of text) {
      expect(files, `${f}.br`).toContain(`${f}.br`);
      expect(files, `${f}.gz`).toContain(`${f}.gz`);
    }
  });

  test('sw.js precaches every app file, Dutch and English content, and has a version', async () => {
    const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
    const version = /const VERSION = "([0-9a-f]{16})"/.exec(sw);
    expect(version, 'version').toBeTruthy();
    const list = JSON.parse(/const PRECACHE = (\[.*\]);/.exec(sw)[1]);
    // Other languages' overlays are cached when a reader first uses them, not precached.
    const want = distFiles().filter((f) => !/\.(br|gz)$/.test(f) && !['sw.js', 'sw-kill.js', 'embed.js', '_headers'].includes(f) && !/^content\/text-(?!en\.)/.test(f));
    expect(list.filter((f) => f.startsWith('content/text-')).map((f) => f.slice(0, 15))).toEqual(['content/text-en']);
    expect(list.sort()).toEqual(want.sort());
    expect(list).toContain('index.html');
    expect(list.some((f) => f.startsWith('content/'))).toBe(true);
    expect(sw).not.toMatch(/addEventListener\('install'[\s\S]{0,400}skipWaiting/);
  });

  test('_headers for the CDN carries the same CSP as the server', async ({ request }) => {
    const hf = fs.readFileSync(path.join(DIST, '_headers'), 'utf8');
    const csp = (await request.get(`${APP}/index.html`)).headers()['content-security-policy'];
    const hashes = csp.match(/'sha256-[^']+'/g) || [];
    for (const h of hashes) expect(hf).toContain(h);
    expect(hf).toMatch(/\/sw\.js\n\s+Cache-Control: no-cache/);
    expect(hf).toMatch(/immutable/);
    expect(hf).not.toMatch(/X-Frame-Options/i);
    // The document rules carry COOP and Trusted Types, as the server sends them.
    const root = hf.slice(hf.indexOf('\n/\n'), hf.indexOf('\n\n', hf.indexOf('\n/\n') + 1));
    expect(root).toMatch(/Cross-Origin-Opener-Policy: same-origin/);
    expect(root).toMatch(/require-trusted-types-for 'script'; trusted-types wegwijzer-sw/);
    expect(hf).toMatch(/\/index\.html\n(\s+.+\n)*\s+Cross-Origin-Opener-Policy: same-origin/);
  });
});

test.describe('browser', () => {
  test('sw.js installs, precaches everything, waits, and skips waiting only on request', async ({ page }) => {
    await page.goto(`${APP}/index.html`);
    const res = await page.evaluate(async () => {
      const reg = (await navigator.serviceWorker.getRegistration('./')) || (await navigator.serviceWorker.register(window.wegwijzerSwUrl, { scope: './' }));
      await navigator.serviceWorker.ready;
      const keys = await caches.keys();
      const ours = keys.filter((k) => k.startsWith('wegwijzer-'));
      let n = 0;
      for (const k of ours) n += (await (await caches.open(k)).keys()).length;
      const version = await new Promise((resolve) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = (e) => resolve(e.data.version);
        (reg.active || navigator.serviceWorker.controller).postMessage({ type: 'GET_VERSION' }, [ch.port2]);
        setTimeout(() => resolve(null), 3000);
      });
      return { ours, n, version };
    });
    const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
    const list = JSON.parse(/const PRECACHE = (\[.*\]);/.exec(sw)[1]);
    expect(res.ours.length).toBeGreaterThan(0);
    expect(res.n).toBeGreaterThanOrEqual(list.length);
    expect(res.version).toBe(/const VERSION = "([0-9a-f]{16})"/.exec(sw)[1]);
  });
});
