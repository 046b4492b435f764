// The interface between the release wasm and its JS glue, as tools/postbuild.mjs
// (shrinkInterface) leaves it: minified import/export names, no unused exports, no stream
// adapter classes; and no Unicode case tables (str::to_uppercase & co.). The app itself working is every other spec; this one fails if the step
// did not run or left something behind.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, DIST } from './helpers.mjs';

const names = fs.readdirSync(DIST);
const js = names.find((n) => /^wegwijzer-app-[0-9a-f]+\.js$/.test(n));
const wasmName = names.find((n) => /^wegwijzer-app-[0-9a-f]+_bg\.wasm$/.test(n));
const bytes = wasmName ? fs.readFileSync(path.join(DIST, wasmName)) : null;
// A debug build (multi-MB wasm, `cargo xtask test --dev`) is not shrunk: only what ships is.
const release = !!bytes && bytes.length < 3_000_000;

test.describe('wasm ↔ JS interface (release build)', () => {
  test.skip(!release, 'debug wasm: the interface is shrunk in release builds only');

  test('import and export names are minified; one import module', () => {
    const mod = new WebAssembly.Module(bytes);
    const imports = WebAssembly.Module.imports(mod);
    const exports = WebAssembly.Module.exports(mod);
    expect(imports.length).toBeGreaterThan(50);
    expect(new Set(imports.map((i) => i.module)).size).toBe(1);
    expect(imports.filter((i) => i.name.length > 3).map((i) => i.name)).toEqual([]);
    expect(exports.filter((e) => e.name.length > 3).map((e) => e.name)).toEqual([]);
    const glue = fs.readFileSync(path.join(DIST, js), 'utf8');
    expect(glue.match(/__wbg_\w+_[0-9a-f]{16}/g)).toBeNull();
  });

  test('the wasm exports only what the glue uses; no stream adapters', () => {
    const glue = fs.readFileSync(path.join(DIST, js), 'utf8');
    expect(glue).not.toMatch(/IntoUnderlying/i);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
    const esc = (s) => s.replace(/[$]/g, '\\$');
    const unused = exports.filter((n) => !new RegExp(`\\.${esc(n)}(?![A-Za-z0-9_$])`).test(glue));
    expect(unused).toEqual([]);
    // memory, start, malloc/realloc/free-style helpers, the externref table, closure shims.
    expect(exports.length).toBeLessThan(20);
  });

  test('no Unicode case tables in the wasm (about 5 kB brotli; text comes with its case)', () => {
    // core::unicode::conversions: UPPERCASE_TABLE starts (µ → Μ), LOWERCASE_TABLE starts (A → a, B → b).
    const upper = Buffer.from([0xb5, 0, 0, 0, 0x9c, 0x03, 0, 0]);
    const lower = Buffer.from([0x41, 0, 0, 0, 0x61, 0, 0, 0, 0x42, 0, 0, 0, 0x62, 0, 0, 0]);
    expect(bytes.indexOf(upper)).toBe(-1);
    expect(bytes.indexOf(lower)).toBe(-1);
  });
});
