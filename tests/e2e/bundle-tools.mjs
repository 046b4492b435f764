// Helpers for the journey, tamper, storage, a11y, privacy, i18n and static browser tests.
//   content model:  TREE, ORGS, node(id), nextOf(id, choice), CASES (the paths of content/scenarios.md),
//                   pathOf(answers), expectedH1(id, lang), plain(text)
//   driving:        openApp(page, hash), choose(page, choice, {crisis}), walk(page, answers), appH1(page)
//   signed bundles: signBundle({...}) with the content CLI, routeContent(page, bundle), readBundle(dir)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, APP, ROOT, DIST } from './helpers.mjs';

export const TREE = JSON.parse(fs.readFileSync(path.join(ROOT, 'content', 'tree.json'), 'utf8'));
export const ORGS = JSON.parse(fs.readFileSync(path.join(ROOT, 'content', 'organisations.json'), 'utf8'));
const byId = new Map(TREE.nodes.map((n) => [n.id, n]));
const orgById = new Map(ORGS.organisations.map((o) => [o.id, o]));

export const node = (id) => byId.get(id);
export const org = (id) => orgById.get(id);

/** Interface strings the tests look for (src/i18n.rs). */
export const UI = {
  nl: {
    back: 'Terug', yourAnswers: 'Je antwoorden', startAgain: 'Opnieuw beginnen', remember: 'Onthoud mijn antwoorden op dit apparaat',
    resumeTitle: 'Verder waar je was?', resumeYes: 'Ja, ga verder', crisis: 'Ben je nu in gevaar?', step: 'Vraag', outcome: 'Jouw route',
    storageUnavailable: 'Je antwoorden kunnen op dit apparaat niet worden onthouden.', failure: 'Er ging iets mis',
    unverified: 'De nieuwste informatie kon niet worden gecontroleerd.', offlineCached: 'Je bent offline.',
    pruned: 'Vragen die niet meer passen zijn weggehaald.', searchLabel: 'Zoek op onderwerp', switchTo: 'English',
    restartYes: 'Ja, begin opnieuw', restartWipe: 'Begin opnieuw en wis alles', doFirst: 'Doe dit eerst', showAll: 'Toon alle stappen',
    savingOn: 'Je antwoorden worden bewaard op dit apparaat', turnOff: 'Uitzetten', rememberDisabled: 'Op deze route wordt niets bewaard',
    wipe: 'Wis mijn gegevens', wiped: 'Alles wat de Wegwijzer op dit apparaat had bewaard, is gewist.', copied: 'De route staat nu op het klembord.',
  },
  en: {
    back: 'Back', yourAnswers: 'Your answers', startAgain: 'Start again', remember: 'Remember my answers on this device',
    crisis: 'Are you in danger right now?', step: 'Question', outcome: 'Your route', switchTo: 'Nederlands',
    storageUnavailable: 'Your answers cannot be remembered on this device.', searchLabel: 'Search by topic',
    restartYes: 'Yes, start again', doFirst: 'Do this first',
  },
};

/** The content's tiny markup as plain text (crates/core/src/markup.rs `plain`, enough for titles and labels). */
export function plain(s) {
  return s.replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1').replace(/\*([^*]+)\*/g, '$1').trim();
}
export const tx = (t, lang = 'nl') => plain((t && (t[lang] ?? t.nl)) || '');

/** Text of a node's h1 in the app. */
export function expectedH1(id, lang = 'nl') {
  const n = node(id);
  return tx(n.kind === 'question' ? n.text : n.title, lang);
}

/** The node reached from `id` by `choice` ("dont_know", "continue" or an option id). */
export function nextOf(id, choice) {
  const n = node(id);
  if (!n) throw new Error(`no node ${id}`);
  if (n.kind === 'info' && choice === 'continue') return n.next;
  if (n.kind === 'question') {
    if (choice === 'dont_know' && n.dont_know) return n.dont_know.next;
    const o = n.options.find((x) => x.id === choice);
    if (o) return o.next;
  }
  throw new Error(`node ${id} has no choice ${choice}`);
}

/** Node ids visited by `answers` from `entry` (entry included). */
export function pathOf(answers, entry = TREE.start) {
  const p = [entry];
  for (const a of answers) p.push(nextOf(p[p.length - 1], a));
  return p;
}

/** The paths of the expert scenario table (content/scenarios.md, which replaced the CASES table of
 *  crates/core/tests/content.rs; the core's content test walks the same rows): [{ answers, outcome }],
 *  the outcome found by walking the deployed tree. Only rows that end at an outcome. */
export const CASES = (() => {
  const md = fs.readFileSync(path.join(ROOT, 'content', 'scenarios.md'), 'utf8');
  const out = [];
  for (const line of md.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || !/^\d+$/.test(cells[1])) continue; // | # | situatie | pad | tijd | verwacht |
    const answers = cells[3].split('>').map((a) => a.trim()).filter(Boolean);
    let id = TREE.start;
    for (const a of answers) id = nextOf(id, a);
    if (node(id).kind === 'outcome') out.push({ answers, outcome: id });
  }
  if (out.length < 10) throw new Error(`could not read the scenario paths from content/scenarios.md (found ${out.length})`);
  return out;
})();

/** First case of an audience (a start option) that ends at a non-crisis outcome, optionally of a given length. */
/** True when a path passes a never-stored (session-only) screen. */
export const sensitivePath = (answers) => pathOf(answers).some((id) => node(id).session_only);

export function caseFor(audience, pred = () => true) {
  const c = CASES.find((k) => k.answers[0] === audience && !k.answers.includes('crisis') && pred(k));
  if (!c) throw new Error(`no case for ${audience}`);
  return c;
}

export const AUDIENCES = node(TREE.start).options.map((o) => o.id).filter((id) => id !== TREE.crisis && nextOf(TREE.start, id) !== TREE.crisis);

/** The app's h1 (never the static first screen's). */
export const appH1 = (page) => page.locator('#main h1');

/** Go to `hash` on the app and wait until the app (not the static shell) shows an h1. */
export async function openApp(page, hash = '#/', { expectFailure = false } = {}) {
  await page.goto(`${APP}/${hash}`);
  await page.locator('#main h1').first().waitFor({ timeout: 20_000 });
  if (!expectFailure) await expect(page.locator('#static-shell')).toHaveCount(0);
}

/** The node id the journey shows (data-node), or null. */
export async function currentNode(page) {
  const j = page.locator('#main .journey[data-node]');
  return (await j.count()) ? j.getAttribute('data-node') : null;
}

/** Click a choice on the current screen and wait for the node it leads to (computed from the content). */
export async function choose(page, choice, { lang = 'nl' } = {}) {
  const from = await currentNode(page);
  const to = nextOf(from, choice);
  await page.locator(`#main [data-choice="${choice}"]`).click();
  await expect(page.locator(`#main .journey[data-node="${to}"]`)).toBeVisible();
  await expect(appH1(page)).toHaveText(expectedH1(to, lang));
  return to;
}

/** Walk answers from the current screen; returns the node ids reached. */
export async function walk(page, answers, opts) {
  const seen = [];
  for (const a of answers) seen.push(await choose(page, a, opts));
  return seen;
}

/** Hash part of the current URL. */
export const hashOf = (page) => new URL(page.url()).hash;

/** Number of steps shown on an outcome ("Doe dit eerst" and the ladder) and the last one's organisation. */
export async function lastRung(page) {
  const rungs = page.locator('#main li.rung');
  const n = await rungs.count();
  return { count: n, org: (await rungs.nth(n - 1).locator('.rung-org').first().textContent())?.trim() };
}

/** "Opnieuw beginnen" (on an outcome or the summary), confirmed; back at the start question. */
export async function restart(page, { lang = 'nl', wipe = false } = {}) {
  await page.locator('#main button.restart').click();
  const confirm = page.locator('#restart-confirm .confirm');
  await expect(confirm.locator('button').first()).toBeFocused();
  await confirm.locator('button', { hasText: wipe ? UI.nl.restartWipe : UI[lang].restartYes }).click();
  await expect(page.locator('#main .journey[data-node="start"]')).toBeVisible();
}

// ---------------------------------------------------------------------------------------------
// Signed bundles

const CLI_BIN = path.join(ROOT, 'target', 'debug', process.platform === 'win32' ? 'wegwijzer.exe' : 'wegwijzer');
const DEV_KEY = path.join(ROOT, '.wegwijzer', 'dev.key');

/** Run the content CLI (the built binary when present, else through cargo). */
export function cli(args) {
  const bin = process.env.WEGWIJZER_CLI || (fs.existsSync(CLI_BIN) ? CLI_BIN : null);
  const [cmd, a] = bin ? [bin, args] : ['cargo', ['run', '-q', '-p', 'wegwijzer-cli', '--', ...args]];
  return execFileSync(cmd, a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
}

export function tmpDir(prefix = 'wegwijzer-test-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Sign the default content (optionally edited) with the dev key into a fresh temp dir.
 *   editTree(json text) -> json text; version, now (RFC 3339), expiresDays.
 * Returns the bundle (see readBundle) plus { dir }.
 */
export function signBundle({ editTree = (s) => s, version, now, expiresDays } = {}) {
  const src = tmpDir('wegwijzer-src-');
  fs.writeFileSync(path.join(src, 'tree.json'), editTree(fs.readFileSync(path.join(ROOT, 'content', 'tree.json'), 'utf8')));
  fs.copyFileSync(path.join(ROOT, 'content', 'organisations.json'), path.join(src, 'organisations.json'));
  fs.copyFileSync(path.join(ROOT, 'content', 'site.json'), path.join(src, 'site.json'));
  const out = tmpDir('wegwijzer-signed-');
  const args = ['sign', '--content', src, '--key', DEV_KEY, '--out', out];
  if (version != null) args.push('--version', String(version));
  if (now) args.push('--now', now);
  if (expiresDays != null) args.push('--expires-days', String(expiresDays));
  cli(args);
  fs.rmSync(src, { recursive: true, force: true });
  return { ...readBundle(out), dir: out };
}

/** Read a signed bundle dir: { manifest, signature, files: { name: Buffer }, json, treeName }. */
export function readBundle(dir = path.join(DIST, 'content')) {
  const manifest = fs.readFileSync(path.join(dir, 'manifest.json'));
  const signature = fs.readFileSync(path.join(dir, 'manifest.json.minisig'));
  const json = JSON.parse(manifest.toString('utf8'));
  const files = {};
  for (const f of Object.values(json.files)) files[f.name] = fs.readFileSync(path.join(dir, f.name));
  return { manifest, signature, files, json, treeName: json.files.tree.name, dirName: json.files.directory.name, siteName: json.files.site.name };
}

/**
 * Serve `bundle` for every request under /content/ (manifest, signature, named files; 404 else).
 * Returns a function that unroutes. Use with serviceWorkers: 'block' so every fetch is seen.
 */
export async function routeContent(page, bundle) {
  const handler = async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop());
    let body = null;
    if (name === 'manifest.json') body = bundle.manifest;
    else if (name === 'manifest.json.minisig') body = bundle.signature;
    else if (bundle.files[name]) body = bundle.files[name];
    if (body == null) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, body, headers: { 'content-type': name.endsWith('.minisig') ? 'text/plain' : 'application/json', 'cache-control': 'no-store' } });
  };
  await page.route('**/content/**', handler);
  return () => page.unroute('**/content/**', handler);
}

/** Replace a same-length substring in a Buffer (throws when absent or lengths differ). */
export function replaceSameLength(buf, from, to) {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('lengths differ');
  const s = buf.toString('utf8');
  if (!s.includes(from)) throw new Error(`"${from}" not found`);
  return Buffer.from(s.split(from).join(to), 'utf8');
}

/** Flip one byte (XOR 1) of a Buffer at `index` (negative counts from the end). */
export function flipByte(buf, index) {
  const b = Buffer.from(buf);
  const i = index < 0 ? b.length + index : index;
  b[i] ^= 0x01;
  return b;
}

/** Everything the app stored in this origin's localStorage and sessionStorage, as one string, except the
 *  verified content cache (ww:content, ww:seen: the public bundle, no personal data). */
export async function storedText(page) {
  return page.evaluate(() => {
    const out = [];
    for (const s of [localStorage, sessionStorage]) {
      for (let i = 0; i < s.length; i++) if (!['ww:content', 'ww:seen'].includes(s.key(i))) out.push(`${s.key(i)}=${s.getItem(s.key(i))}`);
    }
    return out.join('\n');
  });
}

/**
 * Walk every `[answers, expectedOutcome]` of `table` inside the page (fast: no round trip per
 * click): back to the start by the brand link, then click each answer in turn. Returns
 * [{ answers, expected, got, h1 }], `got` the node reached or the error met on the way.
 */
export function walkInPage(page, table) {
  return page.evaluate(async (table) => {
    const node = () => document.querySelector('main .journey[data-node]')?.dataset.node;
    const until = async (pred, what) => {
      for (let i = 0; i < 400; i++) {
        if (pred()) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('timeout waiting for ' + what + ' (at ' + node() + ')');
    };
    const out = [];
    for (const [answers, expected] of table) {
      try {
        document.querySelector('header .brand').click();
        await until(() => node() === 'start', 'start');
        for (const a of answers) {
          const before = node();
          const btn = document.querySelector(`main .journey [data-choice="${a}"]`);
          if (!btn) throw new Error(`no choice "${a}" at ${before}`);
          btn.click();
          await until(() => node() && node() !== before, `after ${a}`);
        }
        out.push({ answers, expected, got: node(), h1: document.querySelector('#main h1')?.textContent || '' });
      } catch (e) {
        out.push({ answers, expected, got: String(e.message) });
      }
    }
    return out;
  }, table);
}
