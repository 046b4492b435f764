// Screenshots of changed screens (node tests/screenshots.mjs [base] [outdir]): a child's and a
// parent's outcome, the start screen, organisations and the schools page, at 390×844 and 1280×800.
import { chromium } from '@playwright/test';
const base = process.argv[2] || 'http://127.0.0.1:8280';
const out = process.argv[3] || '/tmp/shots';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
const shots = [
  ['start', '#/', []],
  ['child-outcome', '#/', ['pupil_primary', 'bully']],
  ['parent-outcome', '#/', ['parent', 'bully', 'no']],
  ['orgs', '#/organisaties', []],
  ['schools', '#/scholen', []],
];
for (const [w, h] of [[390, 844], [1280, 800]]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, serviceWorkers: 'block' });
  for (const [name, hash, answers] of shots) {
    const page = await ctx.newPage();
    await page.clock.setFixedTime(new Date('2026-11-30T12:00:00+01:00'));
    await page.goto(`${base}/${hash}`);
    await page.waitForSelector('#main h1');
    await page.waitForFunction(() => !document.getElementById('static-shell'));
    for (const a of answers) {
      await page.locator(`#main [data-choice="${a}"]`).click();
      await page.waitForTimeout(150);
    }
    await page.screenshot({ path: `${out}/${name}-${w}.png` });
    await page.screenshot({ path: `${out}/${name}-${w}-full.png`, fullPage: true });
    await page.close();
  }
  await ctx.close();
}
await browser.close();
