// Browser smoke test of the shopcrm console.
//   SHOPCRM_BASE_URL=http://127.0.0.1:8080 node --test smoke.test.mjs   (against a real `shopcrm serve`)
//   SHOPCRM_E2E_FAKE=1 node --test smoke.test.mjs                        (test-only fake server, see support/)
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const artifacts = resolve(process.env.SHOPCRM_ARTIFACTS ?? join(repoRoot, 'test-artifacts', 'e2e'));
const chromiumPath = process.env.SHOPCRM_CHROMIUM ?? '/usr/bin/chromium';
const STEP_TIMEOUT = 15_000;

let fake; // only with SHOPCRM_E2E_FAKE=1
let baseUrl;
let browser;
let page;
const consoleErrors = [];

async function shot(name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

async function waitText(locator, text) {
  await locator.getByText(text, { exact: true }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
}

async function expectServerStatus(ok) {
  await waitText(page.getByTestId('status-liveness'), ok);
  await waitText(page.getByTestId('status-readiness'), ok);
  await page.getByTestId('status-version').getByText(/^shopcrm \d+\.\d+\.\d+/).waitFor({ timeout: STEP_TIMEOUT });
}

describe('console smoke', { timeout: 120_000 }, () => {
  before(async () => {
    await mkdir(artifacts, { recursive: true });
    if (process.env.SHOPCRM_E2E_FAKE === '1') {
      const { startFakeServer } = await import('./support/fake-server.mjs');
      fake = await startFakeServer(process.env.SHOPCRM_WEB_DIST ?? join(repoRoot, 'web', 'dist'));
      baseUrl = fake.url;
    } else {
      baseUrl = process.env.SHOPCRM_BASE_URL;
      assert.ok(baseUrl, 'set SHOPCRM_BASE_URL (e.g. http://127.0.0.1:8080) or SHOPCRM_E2E_FAKE=1');
    }
    baseUrl = baseUrl.replace(/\/+$/, '');

    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
      timeout: 30_000,
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    context.setDefaultTimeout(STEP_TIMEOUT);
    page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) => consoleErrors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  });

  after(async () => {
    await browser?.close();
    await fake?.close();
  });

  it('opens the console in Chinese with the server status OK', async () => {
    const response = await page.goto(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
    assert.equal(response?.status(), 200);
    assert.equal(await page.title(), 'shopcrm');
    await page.waitForURL(/\/dashboard$/);
    await page.getByRole('heading', { name: '仪表盘' }).waitFor();
    await waitText(page.getByRole('menu'), '仪表盘');
    await expectServerStatus('正常');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await shot('01-dashboard-zh-CN');
  });

  it('switches to English', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await waitText(page.getByTestId('server-status'), 'Server status');
    await expectServerStatus('OK');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await shot('02-dashboard-en');
  });

  it('keeps English after a reload', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expectServerStatus('OK');
    await shot('03-dashboard-en-reloaded');
  });

  it('shows the 404 page for an unknown console route', async () => {
    const response = await page.goto(`${baseUrl}/no-such-page/here`, { waitUntil: 'domcontentloaded' });
    assert.equal(response?.status(), 200, 'SPA fallback should serve index.html');
    await waitText(page.getByTestId('not-found'), 'Page not found');
    await shot('04-not-found');
  });

  it('logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
