#!/usr/bin/env node
// What costs bytes in the wasm (a small twiggy/cargo-bloat stand-in, no dependencies).
// Reads a wasm file WITH its name section (cargo's output before wasm-bindgen/wasm-opt, e.g.
// target/wasm32-unknown-unknown/release/wegwijzer-app.wasm) and prints code bytes per crate and the
// largest functions. Sizes are before wasm-opt and compression: use them to rank, not as totals.
//
//   node tools/wasm-sizes.mjs target/wasm32-unknown-unknown/release/wegwijzer-app.wasm [--top 30]
// It also lists the largest data segments with their brotli size and a preview: tables hide
// there (core's Unicode case table, 5.9 kB brotli, came in with one `char::to_uppercase`).
import fs from 'node:fs';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';

const USAGE = 'usage: node tools/wasm-sizes.mjs FILE.wasm [--top N]';
let parsed;
try {
  parsed = parseArgs({ strict: true, allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
} catch (e) { console.error(`wasm-sizes: ${e.message}\n${USAGE}`); process.exit(2); }
const [file, ...extra] = parsed.positionals;
const topN = Number(parsed.values.top);
if (!file || extra.length || !Number.isInteger(topN) || topN < 1) { console.error(USAGE); process.exit(2); }
const b = fs.readFileSync(file);
let p = 8;
const u32 = () => { let r = 0, s = 0, x; do { x = b[p++]; r |= (x & 0x7f) << s; s += 7; } while (x & 0x80); return r >>> 0; };
const str = () => { const n = u32(); const v = b.toString('utf8', p, p + n); p += n; return v; };
let imported = 0;
const bodies = [];
const names = new Map();
const sections = {};
let dataBytes = 0;
const segments = [];
while (p < b.length) {
  const id = b[p++];
  const size = u32();
  const end = p + size;
  let label = `section ${id}`;
  if (id === 0) {
    const name = str();
    label = `custom:${name}`;
    if (name === 'name') {
      while (p < end) {
        const sub = b[p++];
        const len = u32();
        const subEnd = p + len;
        if (sub === 1) {
          const n = u32();
          for (let i = 0; i < n; i++) { const idx = u32(); names.set(idx, str()); }
        }
        p = subEnd;
      }
    }
  } else if (id === 2) {
    label = 'import';
    const n = u32();
    for (let i = 0; i < n; i++) {
      str(); str();
      const kind = b[p++];
      if (kind === 0) { u32(); imported++; } else if (kind === 1) { p++; const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 3) { p += 2; }
    }
  } else if (id === 10) {
    label = 'code';
    const n = u32();
    for (let i = 0; i < n; i++) { const len = u32(); bodies.push(len); p += len; }
  } else if (id === 11) {
    label = 'data';
    dataBytes = size;
    for (let n = u32(); n > 0; n--) {
      const flag = u32();
      let at = null;
      if (flag !== 1) {
        if (flag === 2) u32();
        if (b[p] === 0x41) { p++; at = u32(); p++; } else { while (b[p++] !== 0x0b); }
      }
      const len = u32();
      segments.push({ at, bytes: b.subarray(p, p + len) });
      p += len;
    }
  }
  sections[label] = (sections[label] || 0) + size;
  p = end;
}

function demangleLegacy(sym) {
  // _ZN <len><ident>... E  ->  a::b::c ; decode $LT$ etc. inside idents
  if (!sym.startsWith('_ZN')) return sym;
  let i = 3; const parts = [];
  while (i < sym.length && sym[i] !== 'E') {
    const m = /^\d+/.exec(sym.slice(i));
    if (!m) break;
    i += m[0].length;
    const n = Number(m[0]);
    parts.push(sym.slice(i, i + n));
    i += n;
  }
  return parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$RF\$/g, '&').replace(/\$u20\$/g, ' ')
    .replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}').replace(/\$C\$/g, ',').replace(/\.\./g, '::').replace(/^_</, '<');
}

function crateOf(name) {
  const v0 = /C[sv]?[0-9A-Za-z]*_(\d+)([A-Za-z_][A-Za-z0-9_]*)/.exec(name);
  if (name.startsWith('_R') && v0) return v0[2].slice(0, Number(v0[1]));
  const d = demangleLegacy(name);
  const m = /([A-Za-z_][A-Za-z0-9_]*)::/.exec(d.replace(/^<&?(mut )?/, ''));
  if (m) return m[1];
  if (/^__wbg|^__wbindgen|wasm_bindgen/.test(name)) return 'wasm_bindgen';
  if (/^(dlmalloc|__rust|rust_|__rdl)/.test(name)) return 'std/alloc';
  return '(other)';
}

const perCrate = new Map();
const fns = bodies.map((len, i) => ({ name: names.get(imported + i) || `func[${imported + i}]`, len }));
for (const f of fns) perCrate.set(crateOf(f.name), (perCrate.get(crateOf(f.name)) || 0) + f.len);
const total = b.length;
const pct = (x) => `${(100 * x / total).toFixed(1)}%`;
console.log(`${file}: ${total} bytes, ${fns.length} functions, code ${sections.code || 0} B, data ${dataBytes} B`);
console.log('\nsections:');
for (const [k, v] of Object.entries(sections).sort((a, b2) => b2[1] - a[1])) console.log(`  ${k.padEnd(28)} ${String(v).padStart(9)}  ${pct(v)}`);
const code = sections.code || 1;
console.log('\ncode bytes per crate (share of the code section):');
for (const [k, v] of [...perCrate].sort((a, b2) => b2[1] - a[1]).slice(0, topN)) console.log(`  ${k.padEnd(28)} ${String(v).padStart(9)}  ${(100 * v / code).toFixed(1)}%`);
console.log(`\nlargest ${topN} functions:`);
for (const f of fns.sort((a, b2) => b2.len - a.len).slice(0, topN)) console.log(`  ${String(f.len).padStart(7)}  ${demangleLegacy(f.name).replace(/::h[0-9a-f]{16}$/, '').slice(0, 140)}`);

console.log('\nlargest data segments (raw, brotli, preview):');
const brotli = (x) => zlib.brotliCompressSync(x, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
for (const s of segments.sort((a, b2) => b2.bytes.length - a.bytes.length).slice(0, Math.min(topN, 8))) {
  const preview = [...s.bytes.subarray(0, 48)].map((c) => (c >= 32 && c < 127 ? String.fromCharCode(c) : '.')).join('');
  console.log(`  @${s.at} ${String(s.bytes.length).padStart(7)} ${String(brotli(s.bytes)).padStart(7)}  ${preview}`);
}
