// Playwright configuration for Wegwijzer's browser tests (Debian Chromium, never a downloaded browser).
// `cargo xtask test` builds dist-test/ first (WEGWIJZER_DIST; default dist/), picks free ports
// (WEGWIJZER_TEST_PORT), and the webServer entries below then serve:
//   APP   = http://127.0.0.1:$WEGWIJZER_TEST_PORT      (default 8090) $WEGWIJZER_DIST with the production headers
//   OTHER = http://localhost:$WEGWIJZER_TEST_PORT+1    (default 8091) tests/fixtures/ as a "school site"
// Run one file by hand after a build: `cd tests && npx playwright test e2e/infra-headers.spec.mjs`.
import { defineConfig } from '@playwright/test';
import { APP, APP_PORT, OTHER_PORT, CHROMIUM, CHROMIUM_ARGS, ROOT, DIST } from './e2e/helpers.mjs';

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.mjs$/,
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0, // a flaky test is a failure
  forbidOnly: !!process.env.CI,
  // The JSON report is what `cargo xtask test` counts (stats.expected / unexpected / flaky /
  // skipped); it names the file in WEGWIJZER_PLAYWRIGHT_JSON.
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.WEGWIJZER_PLAYWRIGHT_JSON || './test-results/report.json' }],
    ['html', { open: 'never', outputFolder: './playwright-report' }],
  ],
  use: {
    baseURL: APP + '/',
    browserName: 'chromium',
    headless: true,
    serviceWorkers: 'allow',
    // A Dutch browser, as most readers have (the app offers another preferred language once;
    // tests/e2e/languages.spec.mjs covers that with other locales).
    locale: 'nl-NL',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium' }],
  webServer: [
    {
      command: `node tools/server.mjs --dir ${JSON.stringify(DIST)} --port ${APP_PORT} --host 127.0.0.1`,
      cwd: ROOT,
      url: `${APP}/index.html`,
      reuseExistingServer: !process.env.CI,
      timeout: 20_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node tools/server.mjs --dir tests/fixtures --port ${OTHER_PORT} --host 127.0.0.1 --plain`,
      cwd: ROOT,
      url: `http://127.0.0.1:${OTHER_PORT}/host.html`,
      reuseExistingServer: !process.env.CI,
      timeout: 20_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
