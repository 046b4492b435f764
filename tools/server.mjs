#!/usr/bin/env node
// Wegwijzer static server: dependency-free, sends the production headers of
// product-spec section 11 so local runs and browser tests see what the CDN sends.
//
//   node tools/server.mjs --dir dist --port 8080 [--host 127.0.0.1]
//        [--frame-ancestors "'self' https:"] [--connect-src "https://content.example"]
//        [--cors-origin "https://app.example"] [--no-cache-all] [--plain] [--log]
//   node tools/server.mjs --dir dist --emit-headers dist/_headers [--frame-ancestors https:]
//
// --plain          no security headers (used to serve test host pages that play "a school site")
// --no-cache-all   every response `Cache-Control: no-cache` (update-flow tests redeploy in place)
// --cors-origin    serve as the CONTENT host of an app on that origin: every response gets
//                  `Access-Control-Allow-Origin: <origin>` (docs/deploy.md, "Content on its own origin")
// --emit-headers   write a Netlify/Cloudflare-Pages style `_headers` file with the same rules, then exit
//
// The CSP is computed from the served HTML file itself: every inline <script> gets a
// 'sha256-…' source, so Trunk's inline module loader runs and nothing else inline does.
// Trusted Types are enforced (`require-trusted-types-for 'script'`): no string reaches an HTML
// or script sink; the loader's one policy (TT_POLICY) turns exactly "sw.js" into a script URL.
// HTML documents also get `Cross-Origin-Opener-Policy: same-origin` (it applies only when the
// document is top-level: inside a school's iframe browsers ignore it).
// No cookies are ever set.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';

export const DEFAULT_FRAME_ANCESTORS = "'self' http://127.0.0.1:* http://localhost:*";
export const PRODUCTION_FRAME_ANCESTORS = 'https:';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.minisig': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.minisig', '.webmanifest', '.svg', '.txt', '.md', '.xml', '.ico']);

const USAGE = 'usage: node tools/server.mjs --dir DIR --port N [--host H] [--frame-ancestors LIST] [--connect-src ORIGINS] [--cors-origin ORIGIN] [--no-cache-all] [--plain] [--log] [--emit-headers FILE]';

/** The server's options from its command line (node:util parseArgs, strict: an unknown option,
 *  a missing value or a stray argument throws). */
export function serverArgs(argv) {
  const { values: v } = parseArgs({ args: argv, strict: true, options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'frame-ancestors': { type: 'string', default: DEFAULT_FRAME_ANCESTORS },
    'connect-src': { type: 'string', default: '' },
    'cors-origin': { type: 'string', default: '' },
    'no-cache-all': { type: 'boolean', default: false },
    plain: { type: 'boolean', default: false },
    log: { type: 'boolean', default: false },
    'emit-headers': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  } });
  const port = Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number: ${v.port}`);
  return { dir: v.dir, port, host: v.host, frameAncestors: v['frame-ancestors'], connectSrc: v['connect-src'],
    corsOrigin: v['cors-origin'], noCacheAll: v['no-cache-all'], plain: v.plain, log: v.log,
    emitHeaders: v['emit-headers'] ?? null, help: v.help };
}

/** sha256 CSP sources for every inline <script> (no src attribute) in an HTML text. */
export function inlineScriptHashes(html) {
  const out = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  let m;
  while ((m = re.exec(html)) !== null) {
    if (/\ssrc\s*=/i.test(' ' + m[1])) continue;
    // JSON / importmap data blocks still need a hash only if executable; importmap does.
    const type = (/\btype\s*=\s*["']?([^"'\s>]+)/i.exec(m[1]) || [])[1] || '';
    if (/^application\/(ld\+)?json$/i.test(type)) continue;
    out.push(`'sha256-${crypto.createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return [...new Set(out)];
}

/** The one Trusted Types policy, created by the loader in index.html (tools/postbuild.mjs):
 *  it turns exactly "sw.js" into a TrustedScriptURL for `navigator.serviceWorker.register`. */
export const TT_POLICY = 'wegwijzer-sw';

export function csp(hashes, { frameAncestors = DEFAULT_FRAME_ANCESTORS, connectSrc = '' } = {}) {
  return [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')} 'wasm-unsafe-eval'`.replace(/\s+/g, ' '),
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${connectSrc ? ' ' + connectSrc : ''}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    // The live preview on "Voor scholen" is the app itself in a frame (src/lazy/schools.js).
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
    "require-trusted-types-for 'script'",
    `trusted-types ${TT_POLICY}`,
  ].join('; ');
}

export const SECURITY_HEADERS = {
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), accelerometer=(), gyroscope=(), magnetometer=(), usb=(), payment=()',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** Headers of HTML documents besides the CSP. COOP: a page that opens the app, or that the app
 *  opens, gets no handle on its window (window.opener / the returned WindowProxy are cut). */
export const DOCUMENT_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
};

// Trunk prints its u64 file hash as unpadded hex (usually 16 digits, sometimes fewer); the content CLI uses 16.
const HASHED = /[-.][0-9a-f]{8,64}(_bg)?\.[a-z0-9]+$/i;

/** Cache-Control for a path relative to the site root ("index.html", "content/manifest.json"). */
export function cacheControl(rel) {
  const base = path.posix.basename(rel);
  if (base === 'sw.js' || base === 'sw-kill.js' || rel.endsWith('.html') || /^manifest[^/]*$/.test(base) && rel.includes('content/')) return 'no-cache';
  if (HASHED.test(base)) return 'public, max-age=31536000, immutable';
  if (base === 'embed.js') return 'public, max-age=3600';
  if (base === 'manifest.webmanifest') return 'no-cache';
  return 'public, max-age=86400';
}

export function contentType(rel) {
  return TYPES[path.posix.extname(rel).toLowerCase()] || 'application/octet-stream';
}

function etagOf(st) { return `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`; }

function makeCspCache(root, opts) {
  const cache = new Map();
  return (file) => {
    const st = fs.statSync(file);
    const key = `${file}:${st.size}:${st.mtimeMs}`;
    if (!cache.has(key)) cache.set(key, csp(inlineScriptHashes(fs.readFileSync(file, 'utf8')), opts));
    return cache.get(key);
  };
}

export function createServer(opts) {
  const root = path.resolve(opts.dir);
  const cspFor = makeCspCache(root, opts);
  const resolveFile = (urlPath) => {
    let p;
    try { p = decodeURIComponent(urlPath); } catch { return null; }
    if (p.includes('\0')) return null;
    const full = path.resolve(root, '.' + path.posix.normalize('/' + p));
    if (full !== root && !full.startsWith(root + path.sep)) return null;
    try {
      const st = fs.statSync(full);
      if (st.isDirectory()) {
        const idx = path.join(full, 'index.html');
        return fs.existsSync(idx) ? idx : null;
      }
      return full;
    } catch { return null; }
  };

  return http.createServer((req, res) => {
    const started = Date.now();
    const send = (status, headers, body, file) => {
      res.writeHead(status, headers);
      if (req.method === 'HEAD' || body == null) res.end(); else if (file) fs.createReadStream(file).pipe(res); else res.end(body);
      if (opts.log) console.log(`${req.method} ${req.url} ${status} ${Date.now() - started}ms`);
    };
    const base = opts.plain ? {} : { ...SECURITY_HEADERS };
    if (opts.corsOrigin) base['Access-Control-Allow-Origin'] = opts.corsOrigin;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, { ...base, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, 'Method not allowed\n');
    }
    const url = new URL(req.url, 'http://x');
    let file = resolveFile(url.pathname);
    const name = file ? path.basename(file) : '';
    // Never serve the precompressed siblings or dotfiles directly by their own names.
    const blocked = !!file && (name.startsWith('.') || name === '_headers');
    if (blocked) file = null;
    if (!file && !blocked && !path.posix.extname(url.pathname)) {
      const idx = path.join(root, 'index.html');
      if (fs.existsSync(idx)) file = idx; // SPA fallback for extension-less paths
    }
    if (!file) {
      return send(404, { ...base, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store',
        ...(opts.plain ? {} : { 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" }) }, 'Not found\n');
    }
    const rel = path.relative(root, file).split(path.sep).join('/');
    const ext = path.extname(file).toLowerCase();
    const headers = { ...base, 'Content-Type': contentType(rel),
      'Cache-Control': opts.noCacheAll ? 'no-cache' : cacheControl(rel) };
    if (!opts.plain && ext === '.html') Object.assign(headers, { 'Content-Security-Policy': cspFor(file), ...DOCUMENT_HEADERS });
    if (rel === 'sw.js' && !opts.plain) headers['Service-Worker-Allowed'] = '/';
    let sendFile = file;
    if (COMPRESSIBLE.has(ext)) {
      headers['Vary'] = 'Accept-Encoding';
      const ae = String(req.headers['accept-encoding'] || '');
      const accepts = (enc) => new RegExp(`(^|[,\\s])${enc}(\\s*;\\s*q=(?!0(\\.0*)?\\s*($|,))[0-9.]+)?\\s*($|,)`, 'i').test(ae);
      if (accepts('br') && fs.existsSync(file + '.br')) { sendFile = file + '.br'; headers['Content-Encoding'] = 'br'; }
      else if (accepts('gzip') && fs.existsSync(file + '.gz')) { sendFile = file + '.gz'; headers['Content-Encoding'] = 'gzip'; }
    }
    const st = fs.statSync(sendFile);
    const etag = etagOf(st) + (headers['Content-Encoding'] ? `-${headers['Content-Encoding']}` : '');
    headers['ETag'] = etag;
    headers['Content-Length'] = String(st.size);
    if (req.headers['if-none-match'] === etag) {
      delete headers['Content-Length'];
      return send(304, headers, null);
    }
    send(200, headers, '', sendFile);
  });
}

/** `_headers` file (Netlify / Cloudflare Pages syntax) with the same rules as the server. */
export function headersFile(dir, opts) {
  const root = path.resolve(dir);
  const lines = ['# Generated by `cargo xtask` (tools/server.mjs --emit-headers). Same rules as the local server.', ''];
  const sec = Object.entries(SECURITY_HEADERS).map(([k, v]) => `  ${k}: ${v}`);
  const idx = path.join(root, 'index.html');
  const appCsp = fs.existsSync(idx) ? csp(inlineScriptHashes(fs.readFileSync(idx, 'utf8')), opts) : csp([], opts);
  // Rules that match several blocks are merged (values joined by commas) on Netlify and
  // Cloudflare Pages, so `/*` carries only headers that no other block repeats.
  lines.push('/*', ...sec, '');
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
  const files = walk(root).map((f) => path.relative(root, f).split(path.sep).join('/'))
    .filter((f) => !/\.(br|gz)$/.test(f) && f !== '_headers').sort();
  const doc = Object.entries(DOCUMENT_HEADERS).map(([k, v]) => `  ${k}: ${v}`);
  lines.push('/', `  Content-Security-Policy: ${appCsp}`, ...doc, '  Cache-Control: no-cache', '');
  for (const f of files) {
    const cc = cacheControl(f);
    const extra = [];
    if (f.endsWith('.html')) {
      extra.push(`  Content-Security-Policy: ${csp(inlineScriptHashes(fs.readFileSync(path.join(root, f), 'utf8')), opts)}`, ...doc);
    }
    const ct = contentType(f);
    lines.push(`/${f}`, `  Cache-Control: ${cc}`, ...(/wasm|manifest\+json/.test(ct) ? [`  Content-Type: ${ct}`] : []), ...extra, '');
  }
  return lines.join('\n');
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  let opts;
  try { opts = serverArgs(process.argv.slice(2)); } catch (e) { console.error(`server.mjs: ${e.message}\n${USAGE}`); process.exit(2); }
  if (opts.help) { console.log(USAGE); process.exit(0); }
  if (!fs.existsSync(opts.dir)) { console.error(`server.mjs: directory ${opts.dir} does not exist`); process.exit(2); }
  if (opts.emitHeaders) {
    fs.writeFileSync(opts.emitHeaders, headersFile(opts.dir, opts));
    console.log(`wrote ${opts.emitHeaders}`);
    process.exit(0);
  }
  const server = createServer(opts);
  server.on('error', (e) => { console.error(`server.mjs: ${e.message}`); process.exit(1); });
  server.listen(opts.port, opts.host, () => {
    console.log(`Serving ${path.resolve(opts.dir)} on http://${opts.host}:${opts.port}/${opts.plain ? ' (plain)' : ''}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
