// Privacy in URLs and titles: walk EVERY answer sequence of the CASES table (and every option of
// the crisis question through "Ben je nu in gevaar?"), recording every URL the app sets
// (pushState/replaceState/popstate), every document.title it sets and every request it makes.
// None may contain a topic keyword, a topic or option label word, or a node/option id: only
// `#/stap/N`-style routes, fixed page names and neutral titles.
import { test, expect, APP, switchLang } from './helpers.mjs';
import { CASES, TREE, UI, appH1, choose, expectedH1, node, openApp, restart } from './bundle-tools.mjs';

test.use({ serviceWorkers: 'block' });

// Fixed, non-personal vocabulary: page names and route names are the same for everyone.
const NEUTRAL = new Set(`vraag jouw route antwoorden wegwijzer question your answers alle organisaties oogopslag privacy
  veiligheid toegankelijkheid over voor scholen all organisations glance safety accessibility about the for schools
  stap direct overzicht http https 127 index html content json minisig manifest tree wasm css svg png webmanifest
  nieuw tabblad`.split(/\s+/));
const STOP = new Set('and the for with you your een het van die dat met aan als niet ook bij wat wie ben ik je of op te in is er mijn me'.split(' '));

const SENSITIVE = (() => {
  const words = new Set();
  const add = (s) => {
    for (const w of String(s || '').toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 3 && !STOP.has(w) && !NEUTRAL.has(w)) words.add(w);
  };
  for (const t of TREE.topics) {
    add(t.id); add(t.label.nl); add(t.label.en);
    for (const k of [...t.keywords.nl, ...(t.keywords.en || [])]) add(k);
  }
  for (const n of TREE.nodes) {
    add(n.id.replace(/_/g, ' '));
    for (const o of n.options || []) { add(o.id.replace(/_/g, ' ')); add(o.label.nl); add(o.label.en); }
  }
  return words;
})();

const ROUTE_RE = /^#\/((stap|direct)\/\d{1,3}|antwoorden|organisaties|overzicht|veiligheid|toegankelijkheid|over|scholen)?$/;
const TITLE_RE = /^(Wegwijzer|((Vraag|Question) \d{1,3}|Jouw route|Your route|Je antwoorden|Your answers) — Wegwijzer)$/;

function leaks(text) {
  const decoded = (() => { try { return decodeURIComponent(text); } catch { return text; } })();
  return decoded.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => SENSITIVE.has(w));
}

async function recorder(page) {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    const rec = (window.__wwRec = { urls: [location.href], titles: [] });
    const url = () => rec.urls.push(location.href);
    for (const m of ['pushState', 'replaceState']) {
      const orig = history[m];
      history[m] = function (...a) { const r = orig.apply(this, a); url(); return r; };
    }
    addEventListener('popstate', url);
    addEventListener('hashchange', url);
    const d = Object.getOwnPropertyDescriptor(Document.prototype, 'title');
    Object.defineProperty(Document.prototype, 'title', {
      configurable: true, get() { return d.get.call(this); }, set(v) { rec.titles.push(String(v)); d.set.call(this, v); },
    });
  });
  return async () => {
    const r = await page.evaluate(() => window.__wwRec);
    return { urls: [...r.urls, page.url()], titles: [...r.titles, await page.title()], requests: [...requests] };
  };
}

function check(rec) {
  const bad = [];
  for (const u of new Set(rec.urls)) {
    const url = new URL(u);
    if (url.origin !== APP || !/^\/(index\.html)?$/.test(url.pathname) || (url.hash && !ROUTE_RE.test(url.hash)) || url.search) bad.push(`URL shape: ${u}`);
    const l = leaks(u);
    if (l.length) bad.push(`URL ${u}: ${l.join(', ')}`);
  }
  for (const t of new Set(rec.titles)) {
    if (!TITLE_RE.test(t)) bad.push(`title shape: ${t}`);
    const l = leaks(t);
    if (l.length) bad.push(`title "${t}": ${l.join(', ')}`);
  }
  for (const u of new Set(rec.requests)) {
    const l = leaks(u);
    if (l.length) bad.push(`request ${u}: ${l.join(', ')}`);
  }
  return bad;
}

test('the word list is built from the content and is non-trivial', () => {
  for (const w of ['gepest', 'discriminatie', 'uitgescholden', 'bully', 'sexual', 'pupil', 'parent', 'pesten']) expect(SENSITIVE.has(w), w).toBe(true);
  expect(leaks('#/stap/3')).toEqual([]);
  expect(leaks('Vraag 3 — Wegwijzer')).toEqual([]);
  expect(leaks(`${APP}/#/stap/3?t=gepest`)).toEqual(['gepest']);
});

test('every CASES sequence and every crisis option: URLs, titles and requests carry no topic or answer', async ({ page }) => {
  test.setTimeout(240_000);
  const read = await recorder(page);
  await openApp(page);
  const seenOutcomes = new Set();
  const restartHere = () => restart(page);
  for (const [i, c] of CASES.entries()) {
    const reached = [];
    for (const a of c.answers) reached.push(await choose(page, a));
    expect(reached[reached.length - 1], c.answers.join(' → ')).toBe(c.outcome);
    seenOutcomes.add(c.outcome);
    if (i % 10 === 0) {
      // Now and then the summary too (it lists answers: its URL and title must not).
      await page.locator('#main .journey-links a', { hasText: UI.nl.yourAnswers }).click();
      await expect(appH1(page)).toHaveText(UI.nl.yourAnswers);
    }
    await restartHere();
  }
  // The crisis question from the start screen's button, every option.
  for (const o of node(TREE.crisis).options) {
    await page.locator('#main .crisis-top button').click();
    await expect(appH1(page)).toHaveText(expectedH1(TREE.crisis));
    await choose(page, o.id);
    expect(new URL(page.url()).hash).toBe('#/direct/2');
    seenOutcomes.add(o.next);
    await restartHere();
  }
  // Every outcome of the tree was reached at least once.
  const outcomes = TREE.nodes.filter((n) => n.kind === 'outcome').map((n) => n.id);
  expect(outcomes.filter((id) => !seenOutcomes.has(id))).toEqual([]);
  const rec = await read();
  expect(rec.titles.length).toBeGreaterThan(CASES.length);
  expect(rec.urls.length).toBeGreaterThan(CASES.length);
  expect(check(rec)).toEqual([]);
});

test('in English too: a sample of journeys and the topic search', async ({ page }) => {
  const read = await recorder(page);
  await openApp(page);
  await switchLang(page, 'en');
  for (const c of [CASES.find((k) => k.answers.includes('sexual')), CASES.find((k) => k.answers[1] === 'discrim'), CASES.find((k) => k.answers[0] === 'employee')]) {
    for (const a of c.answers) await choose(page, a, { lang: 'en' });
    await restart(page, { lang: 'en' });
  }
  await page.locator('#topic-search').fill('bullied');
  await page.locator('#main .search-results button').first().click();
  await page.locator('#main [data-choice="pupil_secondary"]').click();
  await expect(page.locator('#main .journey')).not.toHaveAttribute('data-node', TREE.start);
  const rec = await read();
  expect(rec.titles.some((t) => t.startsWith('Question'))).toBe(true);
  expect(check(rec)).toEqual([]);
});
