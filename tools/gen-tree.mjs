#!/usr/bin/env node
// Generate a valid N-node content folder for the benchmark ("content load of a 500-node tree"):
// the real tree and directory, plus a synthetic binary sub-tree hung under one extra option of the
// start question, so the total number of nodes is exactly N and every lint rule still holds.
//
//   node tools/gen-tree.mjs --content content --out /tmp/content-500 --nodes 500
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: node tools/gen-tree.mjs [--content DIR] [--out DIR] [--nodes N]';
let flags;
try {
  ({ values: flags } = parseArgs({ strict: true, options: {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'content-500' },
    nodes: { type: 'string', default: '500' },
  } }));
} catch (e) { console.error(`gen-tree: ${e.message}\n${USAGE}`); process.exit(2); }
const src = flags.content;
const out = flags.out;
const total = Number(flags.nodes);
if (!Number.isInteger(total) || total < 1) { console.error(`gen-tree: --nodes must be a positive integer: ${flags.nodes}\n${USAGE}`); process.exit(2); }

const tree = JSON.parse(fs.readFileSync(path.join(src, 'tree.json'), 'utf8'));
const orgs = fs.readFileSync(path.join(src, 'organisations.json'));
// Hang the synthetic sub-tree under the first non-start question that has room for one more option
// (the start question's options must be audiences).
const start = tree.nodes.find((n) => n.kind === 'question' && n.id !== tree.start && n.options.length < 7);
if (!start) throw new Error('no question with room for another option');
// A non-urgent outcome from the real tree: its steps already satisfy the human-fallback rule.
const model = tree.nodes.find((n) => n.kind === 'outcome' && !n.urgent && n.steps && n.steps.length >= 2)
  || tree.nodes.find((n) => n.kind === 'outcome');

let budget = total - tree.nodes.length; // synthetic nodes to add
if (budget < 3) throw new Error(`the real tree already has ${tree.nodes.length} nodes`);
const nodes = [];
let seq = 0;
const id = (p) => `bench_${p}_${++seq}`;
// Build a binary tree of questions with outcome leaves using exactly `n` nodes (n odd),
// or one info node in front when n is even.
function build(n) {
  if (n === 1) {
    const o = JSON.parse(JSON.stringify(model));
    o.id = id('out');
    o.title = { nl: `Uitkomst ${seq}`, en: `Outcome ${seq}` };
    delete o.urgent;
    nodes.push(o);
    return o.id;
  }
  if (n % 2 === 0) {
    const info = { kind: 'info', id: id('info'), title: { nl: `Tussenstap ${seq}`, en: `Step ${seq}` },
      body: { nl: 'Dit is een tussenstap om de wegwijzer te testen.', en: 'This is a step to test the guide.' } };
    nodes.push(info);
    info.next = build(n - 1);
    return info.id;
  }
  const q = { kind: 'question', id: id('q'), text: { nl: `Testvraag ${seq}: wat past het best?`, en: `Test question ${seq}: what fits best?` },
    options: [] };
  nodes.push(q);
  const rest = n - 1;
  let left = Math.floor(rest / 2);
  if (left % 2 === 0) left -= 1; // keep both sides odd
  const right = rest - left;
  q.options.push({ id: 'a', label: { nl: 'Eerste keuze', en: 'First choice' }, next: build(left) });
  q.options.push({ id: 'b', label: { nl: 'Tweede keuze', en: 'Second choice' }, next: build(right) });
  return q.id;
}
const entry = build(budget);
start.options.push({ id: 'bench', label: { nl: 'Iets anders (test)', en: 'Something else (test)' }, next: entry });
tree.nodes.push(...nodes);
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'tree.json'), JSON.stringify(tree, null, 1));
fs.writeFileSync(path.join(out, 'organisations.json'), orgs);
// site.json (languages, interface strings, info pages) is part of every signed bundle.
fs.copyFileSync(path.join(src, 'site.json'), path.join(out, 'site.json'));
console.log(`gen-tree: wrote ${out}/tree.json with ${tree.nodes.length} nodes`);
