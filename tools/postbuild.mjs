#!/usr/bin/env node
// Post-build steps for dist/ (run by `cargo xtask serve|test|bench|dist` after `trunk build`
// and after the content has been signed into dist/content):
//   1. copy public/* into dist/; write the Ed25519 fallback (see ED25519 below); start the app
//      after the first paint (see deferBoot); minify wasm-bindgen's JS glue with terser (Trunk
//      0.21's own JS minifier fails on it)
//   2. generate dist/sw.js from tools/sw.template.js with a precache list of every file and a version
//   3. precompress every text/wasm file to .br (quality 11) and .gz (level 9)
//   4. write dist/_headers (CDN headers, same rules as tools/server.mjs)
//
//   node tools/postbuild.mjs --dist dist [--public public] [--frame-ancestors https:] [--connect-src ORIGINS]
//                            [--content-base content/ | https://content.example/wegwijzer/]
// --content-base: where the app fetches its signed content (written into index.html's
// <meta name="wegwijzer-content-base"> and into sw.js). Re-running postbuild on a built dist/ with
// another base moves the content without a new wasm build. connect-src must then name its origin.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { headersFile, PRODUCTION_FRAME_ANCESTORS, TT_POLICY } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = 'usage: node tools/postbuild.mjs --dist DIR [--public DIR] [--frame-ancestors LIST] [--connect-src ORIGINS] [--content-base BASE]';
let flags;
try {
  ({ values: flags } = parseArgs({ strict: true, options: {
    dist: { type: 'string', default: 'dist' },
    public: { type: 'string', default: path.join(here, '..', 'public') },
    'frame-ancestors': { type: 'string', default: PRODUCTION_FRAME_ANCESTORS },
    'connect-src': { type: 'string', default: '' },
    'content-base': { type: 'string', default: 'content/' },
  } }));
} catch (e) { console.error(`postbuild: ${e.message}\n${USAGE}`); process.exit(2); }
const dist = path.resolve(flags.dist);
const pub = path.resolve(flags.public);
const frameAncestors = flags['frame-ancestors'];
const connectSrc = flags['connect-src'];
const contentBase = flags['content-base'];
// A relative path below the app, or an http(s) URL; always a folder; nothing to escape in HTML.
if (!/^(https?:\/\/[A-Za-z0-9.:\[\]-]+\/|(?!\.\.?\/|\/))[A-Za-z0-9._~\/-]*\/$/.test(contentBase) || /(^|\/)\.\.?\//.test(contentBase.replace(/^https?:\/\//, ''))) {
  console.error(`postbuild: --content-base must be a folder ending in "/" (relative, or http(s)://host/...): ${contentBase}`);
  process.exit(2);
}

const COMPRESS = /\.(html|js|mjs|css|wasm|json|minisig|webmanifest|svg|txt|xml|ico|md)$/i;
// Not precached: the SW itself, the kill switch, the host-page embed script, CDN metadata.
const NO_PRECACHE = new Set(['sw.js', 'sw-kill.js', 'embed.js', '_headers', 'sw.template.js']);

function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const f = path.join(d, e.name);
    return e.isDirectory() ? walk(f) : [f];
  });
}
const relOf = (f) => path.relative(dist, f).split(path.sep).join('/');

if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`postbuild: ${dist}/index.html is missing (did trunk build run?)`);
  process.exit(1);
}

// 1. public/*
let copied = 0;
if (fs.existsSync(pub)) {
  for (const f of walk(pub)) {
    const r = path.relative(pub, f);
    if (path.basename(r).startsWith('.')) continue;
    const to = path.join(dist, r);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(f, to);
    copied++;
  }
}

// The content signature is verified with the browser's own Ed25519 (WebCrypto), not in the wasm.
// Browsers without Ed25519 in WebCrypto yet (Safari < 17, Chrome < 137, Firefox < 129, and
// browsers built on those, such as older Samsung Internet) get @noble/ed25519 (audited, no
// dependencies; the npm package pinned in tools/package.json), minified into
// dist/ed25519.<hash>.js and imported by the loader only there; it is precached like every file.
const require = createRequire(path.join(here, 'package.json'));
let terser = null;
try { terser = require('terser'); } catch { console.warn('postbuild: terser is not installed (cargo xtask setup); the JS stays unminified'); }
let ED25519;
{
  let src;
  try { src = fs.readFileSync(require.resolve('@noble/ed25519'), 'utf8'); } catch {
    console.error('postbuild: @noble/ed25519 is not installed in tools/node_modules (run `cargo xtask setup`): browsers without WebCrypto Ed25519 need it');
    process.exit(1);
  }
  const code = terser ? (await terser.minify(src, { module: true, compress: true, mangle: true })).code : src;
  ED25519 = `ed25519.${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  for (const n of fs.readdirSync(dist).filter((n) => /^ed25519\.[0-9a-f]+\.js$/.test(n) && n !== ED25519)) fs.unlinkSync(path.join(dist, n));
  fs.writeFileSync(path.join(dist, ED25519), code);
}

// The app's lazy modules (src/lazy/*.js): browser glue for what few visits use ("Lees voor",
// the "Voor scholen" form, the height reports of a frame on a school's page). Minified into
// dist/<name>.<hash>.js and imported by the loader on first use (window.wegwijzerRead,
// window.wegwijzerSchools, window.wegwijzerEmbedFrame), so a top-level first visit does not
// carry them; precached like every file, so they work offline.
const LAZY = {};
for (const name of ['read-aloud', 'schools', 'embed-frame']) {
  const src = fs.readFileSync(path.join(here, '..', 'src', 'lazy', `${name}.js`), 'utf8');
  const code = terser ? (await terser.minify(src, { module: true, compress: true, mangle: true })).code : src;
  LAZY[name] = `${name}.${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  fs.writeFileSync(path.join(dist, LAZY[name]), code);
}

// The interface between the wasm and its JS glue, smaller (release builds; about 4 kB brotli):
//  - every import and export name is minified. wasm-bindgen names each import after its
//    function plus a 16-digit hash (`__wbg_getElementById_8c2c…`), about 190 of them, and
//    those names stand in both files; random hex hardly compresses.
//  - exports the glue never calls are removed with the code only they reach: the stream
//    adapters that Leptos' server functions bring in through `wasm-streams` (the app calls no
//    server), with their JS classes; and linker leftovers (`main`, `__abort_handler`, …).
//  - the `producers` and `target_features` custom sections (nothing reads them at run time).
//  - the code once more through binaryen: `--flatten --rereloop` (the control flow flattened
//    and rebuilt by binaryen's relooper, which finds smaller shapes than LLVM left), then `-Oz`
//    until it stops shrinking (`--converge`), about 1 kB brotli for 30 s of build; then one
//    more `-Oz` with the renaming below (that one without `--converge`: it prints the name map
//    once per round). All with `--low-memory-unused` (checked below).
// binaryen does the wasm side (wasm-metadce, then wasm-opt -Oz --minify-imports-and-exports-
// and-modules, which prints the old → new names); the glue is rewritten from that map. The
// result is checked both ways (every import of the wasm is defined by the glue, every export
// the glue uses exists) and the build fails on any mismatch, as on a glue of unexpected shape.
function shrinkInterface(wasmFile, src) {
  const fail = (why) => { console.error(`postbuild: cannot shrink the wasm interface: ${why}`); process.exit(1); };
  const bin = path.join(here, 'node_modules', 'binaryen', 'bin');
  if (!fs.existsSync(path.join(bin, 'wasm-opt'))) fail('binaryen is not installed in tools/node_modules (cargo xtask setup)');
  const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types'];
  // 1. The stream adapter classes and their finalizers go from the glue.
  const adapters = [
    /^export class IntoUnderlying\w+ \{\n[\s\S]*?^\}\n/gm,
    /^if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = IntoUnderlying\w+\.prototype\.free;\n/gm,
    /^const IntoUnderlying\w+Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n.*\n.*\n/gm,
  ];
  // `--low-memory-unused` (about 0.5 kB) lets wasm-opt fold constant offsets into loads and
  // stores, assuming the first 1 KiB of memory is never addressed: true when every data
  // segment lies above it (Rust's linker puts data at 1 MiB, the stack below it, growing down).
  const lowest = lowestDataOffset(fs.readFileSync(wasmFile));
  if (!(lowest >= 1024)) fail(`a data segment starts at ${lowest}, inside the low 1 KiB that --low-memory-unused assumes unused`);
  let glue = src;
  for (const re of adapters) glue = glue.replace(re, '');
  if (/IntoUnderlying/i.test(glue)) fail('the glue still mentions the stream adapters (unexpected shape)');
  // 2. Keep the exports the glue uses; drop the rest and what only they reach.
  const exportsOf = (file) => WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(file)));
  const importsOf = (file) => WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(file)));
  const used = new Set([...glue.matchAll(/\bwasm\.([A-Za-z0-9_$]+)/g)].map((m) => m[1]));
  const exported = exportsOf(wasmFile).map((e) => e.name);
  for (const u of used) if (!exported.includes(u)) fail(`the glue uses \`${u}\`, which the wasm does not export`);
  const graph = [{ name: 'glue', root: true, reaches: [...used].map((n) => `export:${n}`) }, ...exported.map((n) => ({ name: `export:${n}`, export: n }))];
  const tmp = fs.mkdtempSync(path.join(path.dirname(wasmFile), '.shrink-'));
  try {
    const graphFile = path.join(tmp, 'graph.json');
    const dced = path.join(tmp, 'dce.wasm');
    const out = path.join(tmp, 'out.wasm');
    fs.writeFileSync(graphFile, JSON.stringify(graph));
    const run = (tool, args) => {
      const r = spawnSync(path.join(bin, tool), args, { encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0) fail(`${tool} failed: ${r.stderr || r.error}`);
      return r.stdout;
    };
    const flat = path.join(tmp, 'flat.wasm');
    run('wasm-metadce', [...features, wasmFile, '--graph-file', graphFile, '-o', dced]);
    run('wasm-opt', ['--flatten', '--rereloop', '-Oz', '--converge', '--low-memory-unused', ...features, dced, '-o', flat]);
    const map = JSON.parse(run('wasm-opt', ['-Oz', '--low-memory-unused', ...features, flat, '--minify-imports-and-exports-and-modules', '--strip-producers', '--strip-target-features', '-o', out]));
    // 3. The glue, renamed from the map.
    const imports = new Map(map.imports.map(([, base, to]) => [base, to]));
    const exportsMap = new Map(map.exports);
    const modules = [...new Set(importsOf(out).map((i) => i.module))];
    const moduleKey = /^(\s+)"\.\/[^"]+_bg\.js": import0,$/m;
    if (modules.length !== 1 || !moduleKey.test(glue)) fail('expected one import module, named once in the glue');
    glue = glue.replace(moduleKey, (_, ws) => `${ws}${JSON.stringify(modules[0])}: import0,`);
    glue = glue.replace(/^( {8})([A-Za-z0-9_$]+)(: function\()/gm, (m, ws, name, rest) => (imports.has(name) ? ws + imports.get(name) + rest : m));
    glue = glue.replace(/\bwasm\.([A-Za-z0-9_$]+)/g, (m, name) => {
      if (!exportsMap.has(name)) fail(`no minified name for the export \`${name}\``);
      return `wasm.${exportsMap.get(name)}`;
    });
    // 4. Both ways round.
    const defined = new Set([...glue.matchAll(/^ {8}([A-Za-z0-9_$]+): function\(/gm)].map((m) => m[1]));
    for (const i of importsOf(out)) if (!defined.has(i.name)) fail(`the wasm imports \`${i.name}\`, which the glue does not define`);
    const have = new Set(exportsOf(out).map((e) => e.name));
    for (const m of glue.matchAll(/\bwasm\.([A-Za-z0-9_$]+)/g)) if (!have.has(m[1])) fail(`the glue uses \`${m[1]}\`, which the wasm does not export`);
    fs.copyFileSync(out, wasmFile);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return glue;
}

// The lowest start of an active data segment (memory 0, i32.const offset) in a wasm binary.
function lowestDataOffset(b) {
  let i = 8;
  const leb = () => { let n = 0, s = 0, x; do { x = b[i++]; n += (x & 127) * 2 ** s; s += 7; } while (x & 128); return n; };
  const sleb = () => { let n = 0, s = 0, x; do { x = b[i++]; n |= (x & 127) << s; s += 7; } while (x & 128); return s < 32 && (x & 64) ? n | (-1 << s) : n; };
  let lowest = Infinity;
  while (i < b.length) {
    const id = b[i++];
    const size = leb();
    const end = i + size;
    if (id === 11) {
      for (let n = leb(); n > 0; n--) {
        const flag = leb();
        if (flag !== 1) { // 1: passive, no offset
          if (flag === 2) leb(); // memory index
          if (b[i++] !== 0x41) return NaN; // not i32.const: cannot tell
          lowest = Math.min(lowest, sleb());
          if (b[i++] !== 0x0b) return NaN;
        }
        const len = leb(); // (not `i += leb()`: that reads `i` before the call moves it)
        i += len;
      }
    }
    i = end;
  }
  return lowest;
}

// The static first screen must paint before anything else is downloaded. Trunk preloads the
// JS and wasm from <head>, so on a slow network they compete with the page itself (and
// Lighthouse counts them into FCP/LCP). Instead: no preloads; once the first frame has been
// painted, fetch the JS and wasm in parallel and start. The timer is a fallback for frames
// that get no animation frames (background tabs, off-screen cross-origin iframes).
// Trunk's subresource-integrity hashes went with the preloads; these are same-origin files
// under `script-src 'self'`, and the content itself is signed.
// The loader also shows the static failure screen (#fatal + #static-help, as show_fatal() in
// src/main.rs does) when the wasm cannot start, and on a wasm trap later on: the release wasm is
// built with panic=immediate-abort (xtask RELEASE_WASM_RUSTFLAGS), so a Rust panic is a
// `WebAssembly.RuntimeError` thrown into JS and no panic hook runs. Other errors are left alone.
// It stays one inline script: the CSP allows it by its hash (tools/server.mjs computes the
// hashes from the built index.html).
// Trusted Types (CSP `require-trusted-types-for 'script'`): the app's only script URL is its
// service worker; the loader creates the one policy the CSP names (TT_POLICY), which makes exactly
// "sw.js" a TrustedScriptURL (window.wegwijzerSwUrl, used by src/pwa.rs) and nothing else.
// window.wegwijzerEd25519(key, message, signature): does this Ed25519 signature hold? Used by
// src/content.rs for the content signature (the core decides what must hold,
// manifest::SignatureChecks). WebCrypto; where it has no Ed25519 (NotSupportedError), the
// fallback above. Any other failure (no WebCrypto outside https/localhost, a bad key) is false:
// nothing unverified is accepted.
// window.wegwijzerRead(lang), window.wegwijzerSchools(root), window.wegwijzerEmbedFrame(origin):
// the lazy modules (LAZY above), imported on first use (src/read_aloud.rs,
// src/pages/info_pages.rs, src/embed.rs).
// window.wegwijzerKeep(msg): the app hands the bundle it has just accepted to the service worker
// (src/content.rs, CACHE_CONTENT) once one is active; top-level only, as in a frame none is
// registered and `ready` would never resolve.
function deferBoot(html) {
  const pre = /<link rel="(?:modulepreload|preload)" href="\.\/(wegwijzer-app-[0-9a-f]+(?:_bg\.wasm|\.js))"[^>]*>\n?/g;
  const names = [...html.matchAll(pre)].map((m) => m[1]);
  const js = names.find((n) => n.endsWith('.js'));
  const wasm = names.find((n) => n.endsWith('.wasm'));
  const boot = /<script type="module">\s*import init, \* as bindings from '\.\/wegwijzer-app-[0-9a-f]+\.js';[\s\S]*?<\/script>/;
  if (!js || !wasm || !boot.test(html)) {
    console.error('postbuild: trunk\'s loader in index.html has an unexpected shape; cannot defer the boot');
    process.exit(1);
  }
  const script = `<script type="module">
const fatal = (why) => {
  console.error('Wegwijzer: ' + why);
  for (const id of ['app', 'static-shell']) document.getElementById(id)?.remove();
  for (const id of ['fatal', 'static-help']) document.getElementById(id)?.removeAttribute('hidden');
};
const trap = (e) => !!self.WebAssembly && e instanceof WebAssembly.RuntimeError;
const tt = self.trustedTypes && trustedTypes.createPolicy('${TT_POLICY}', {
  createScriptURL: (u) => { if (u === 'sw.js') return u; throw new TypeError('Wegwijzer: not sw.js: ' + u); },
});
window.wegwijzerSwUrl = tt ? tt.createScriptURL('sw.js') : 'sw.js';
window.wegwijzerEd25519 = async (key, message, signature) => {
  const alg = { name: 'Ed25519' };
  let k;
  try {
    k = await crypto.subtle.importKey('raw', key, alg, false, ['verify']);
  } catch (e) {
    if (!e || e.name !== 'NotSupportedError') return false;
    try { return await (await import('./${ED25519}')).verifyAsync(signature, message, key, { zip215: false }); } catch { return false; }
  }
  try { return await crypto.subtle.verify(alg, k, signature, message); } catch { return false; }
};
window.wegwijzerRead = async (lang) => (await import('./${LAZY['read-aloud']}')).read(lang);
window.wegwijzerSchools = async (root) => (await import('./${LAZY.schools}')).wire(root);
window.wegwijzerEmbedFrame = async (origin) => (await import('./${LAZY['embed-frame']}')).report(origin);
window.wegwijzerKeep = (msg) => {
  try {
    const sw = navigator.serviceWorker;
    if (sw && (sw.controller || top === self)) sw.ready.then((r) => r.active && r.active.postMessage(msg));
  } catch {}
};
addEventListener('error', (e) => { if (trap(e.error)) fatal('the app stopped: ' + e.error); });
addEventListener('unhandledrejection', (e) => { if (trap(e.reason)) fatal('the app stopped: ' + e.reason); });
let started = false;
const start = async () => {
  if (started) return;
  started = true;
  const wasm = fetch('./${wasm}');
  const m = await import('./${js}');
  window.wasmBindings = m;
  await m.default({ module_or_path: wasm });
};
const boot = () => start().catch((e) => fatal('the app could not start: ' + e));
requestAnimationFrame(() => setTimeout(boot, 0));
setTimeout(boot, 500);
</script>`;
  return html.replace(pre, '').replace(boot, () => script);
}
// The stylesheet first: index.html's link names it with Trunk's subresource-integrity hash,
// which is computed again for the minified file (see minifyHtml).
{
  let lightningcss = null;
  try { lightningcss = require('lightningcss'); } catch { console.warn('postbuild: lightningcss is not installed (cargo xtask setup); the CSS stays unminified'); }
  for (const name of lightningcss ? fs.readdirSync(dist).filter((n) => n.endsWith('.css')) : []) {
    const f = path.join(dist, name);
    const code = fs.readFileSync(f);
    // Minified by an earlier run (one line): left as it is, so a re-run (another content base)
    // serves the very bytes that were checked.
    if (!code.includes(10)) continue;
    fs.writeFileSync(f, lightningcss.transform({ filename: name, code, minify: true }).code);
  }
}
{
  const f = path.join(dist, 'index.html');
  const html = fs.readFileSync(f, 'utf8');
  // `wegwijzerSwUrl` (a property name, kept by terser): the boot was deferred by an earlier run.
  let out = html.includes('wegwijzerSwUrl') ? html : deferBoot(html);
  const meta = /<meta name="wegwijzer-content-base" content="[^"]*">/;
  if (!meta.test(out)) {
    console.error('postbuild: index.html has no <meta name="wegwijzer-content-base" content="...">');
    process.exit(1);
  }
  out = out.replace(meta, `<meta name="wegwijzer-content-base" content="${contentBase}">`);
  out = await minifyHtml(out);
  if (out !== html) fs.writeFileSync(f, out);
  // Earlier builds' lazy modules, unless this index.html still names them (a re-run keeps the
  // loader it deferred before).
  for (const n of fs.readdirSync(dist).filter((n) => /^(read-aloud|schools|embed-frame)\.[0-9a-f]+\.js$/.test(n))) {
    if (!out.includes(n) && !Object.values(LAZY).includes(n)) fs.unlinkSync(path.join(dist, n));
  }
}

// index.html and the stylesheet are part of the app shell's first download: the HTML loses
// its comments and its inline scripts are minified (terser; the CSP allows them by the hashes
// that tools/server.mjs computes from this final file); the CSS is minified by lightningcss
// without targets, so nothing is rewritten for other browsers, only spaces, comments and
// redundant syntax go (about 1 kB brotli together).
async function minifyHtml(html) {
  const scripts = /(<script(?: type="module")?>)([\s\S]*?)(<\/script>)/g;
  if ([...html.matchAll(scripts)].some((m) => m[2].includes('<!--'))) {
    console.error('postbuild: an inline script contains "<!--"; cannot strip HTML comments safely');
    process.exit(1);
  }
  let out = html.replace(/<!--[\s\S]*?-->\n?/g, '');
  // Stylesheet links keep their integrity, for the file as it is now.
  out = out.replace(/(<link rel="stylesheet" href="\.\/([^"]+\.css)" integrity=")sha384-[^"]+(")/g, (_, a, name, b) =>
    `${a}sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(dist, name))).digest('base64')}${b}`);
  if (!terser) return out;
  const parts = [];
  for (const m of out.matchAll(scripts)) {
    const r = await terser.minify(m[2], { module: m[1].includes('module'), compress: true, mangle: true });
    parts.push(m[1] + r.code + m[3]);
  }
  let i = 0;
  return out.replace(scripts, () => parts[i++]);
}

// The glue (about 52 kB) is served as Trunk writes it, unminified; terser takes 1.8 kB off
// its brotli size. The file keeps its name: its content is still a function of the build.
// Before that, release builds get a smaller interface between the two (shrinkInterface below).
{
  for (const name of fs.readdirSync(dist).filter((n) => /^wegwijzer-app-[0-9a-f]+\.js$/.test(n))) {
    const f = path.join(dist, name);
    const src = fs.readFileSync(f, 'utf8');
    if (src.startsWith('/*! ')) continue; // done by an earlier run
    const wasmFile = path.join(dist, name.replace(/\.js$/, '_bg.wasm'));
    let glue = src;
    if (fs.existsSync(wasmFile) && fs.statSync(wasmFile).size < 3_000_000) glue = shrinkInterface(wasmFile, src);
    if (terser) {
      const out = await terser.minify(glue, { module: true, compress: true, mangle: true });
      fs.writeFileSync(f, '/*! minified */' + out.code);
    } else {
      fs.writeFileSync(f, '/*! unminified */' + glue);
    }
  }
}

// Stale compressed files from an earlier run would be served for changed files: drop them all.
for (const f of walk(dist)) if (/\.(br|gz)$/.test(f)) fs.unlinkSync(f);

// 2. sw.js
// Content: Dutch (the base files) and English are precached; the other languages' overlays
// (content/text-<code>.<hash>.json) are cached when first used (the app offers them to the worker).
const files = walk(dist).map(relOf).filter((r) => !NO_PRECACHE.has(r) && !/\.(br|gz)$/.test(r) && !/^content\/text-(?!en\.)/.test(r)).sort();
const h = crypto.createHash('sha256');
for (const r of files) h.update(r + '\0' + crypto.createHash('sha256').update(fs.readFileSync(path.join(dist, r))).digest('hex') + '\n');
const version = h.digest('hex').slice(0, 16);
const template = fs.readFileSync(path.join(here, 'sw.template.js'), 'utf8');
const sw = template.replace("'__VERSION__'", JSON.stringify(version)).replace('__PRECACHE__', JSON.stringify(files, null, 0))
  .replace('__CONTENT_BASE__', JSON.stringify(contentBase));
fs.writeFileSync(path.join(dist, 'sw.js'), sw);

// 3. precompress
let n = 0;
for (const f of walk(dist)) {
  if (!COMPRESS.test(f) || /\.(br|gz)$/.test(f)) continue;
  const buf = fs.readFileSync(f);
  fs.writeFileSync(f + '.br', zlib.brotliCompressSync(buf, { params: {
    // Quality 11 for everything shipped; debug builds' multi-MB wasm would take a minute at 11.
    [zlib.constants.BROTLI_PARAM_QUALITY]: buf.length > 3_000_000 ? 5 : 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    [zlib.constants.BROTLI_PARAM_MODE]: /\.wasm$/.test(f) ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
  } }));
  fs.writeFileSync(f + '.gz', zlib.gzipSync(buf, { level: 9 }));
  n++;
}

// 4. _headers
fs.writeFileSync(path.join(dist, '_headers'), headersFile(dist, { frameAncestors, connectSrc }));

console.log(`postbuild: copied ${copied} public file(s), sw.js version ${version} precaching ${files.length} file(s), content from ${contentBase}, compressed ${n} file(s), wrote _headers`);
