// Browser smoke test of the shopcrm console: log in, dashboard status, language, 404.
//   SHOPCRM_BASE_URL=http://127.0.0.1:8080 node --test smoke.test.mjs   (against a real `shopcrm serve`)
//   SHOPCRM_E2E_FAKE=1 node --test smoke.test.mjs                        (test-only fake server, see support/)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { env, launchBrowser, loginUi, newPage, shot, startTarget } from './support/harness.mjs';

let target;
let browser;
let page;
let problems;

async function waitText(locator, text) {
  await locator.getByText(text, { exact: true }).first().waitFor({ state: 'visible' });
}

async function expectServerStatus(ok) {
  await waitText(page.getByTestId('status-liveness'), ok);
  await waitText(page.getByTestId('status-readiness'), ok);
  await page.getByTestId('status-version').getByText(/^shopcrm \d+\.\d+\.\d+/).waitFor();
}

describe('console smoke', { timeout: 120_000 }, () => {
  before(async () => {
    target = await startTarget();
    browser = await launchBrowser();
    ({ page, problems } = await newPage(browser));
  });

  after(async () => {
    await browser?.close();
    await target?.close();
  });

  it('sends a visitor to the login page, then shows the dashboard in Chinese with the server status OK', async () => {
    const response = await page.goto(`${target.baseUrl}/`, { waitUntil: 'domcontentloaded' });
    assert.equal(response?.status(), 200);
    assert.equal(await page.title(), 'shopcrm');
    await page.waitForURL(/\/login$/);
    await loginUi(page, target.baseUrl, 'admin', env.adminPassword);
    await page.getByRole('heading', { name: '仪表盘' }).waitFor();
    await waitText(page.getByRole('menu').first(), '仪表盘');
    await expectServerStatus('正常');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await shot(page, 'smoke-01-dashboard-zh-CN');
  });

  it('switches to English', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await waitText(page.getByTestId('server-status'), 'Server status');
    await expectServerStatus('OK');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await shot(page, 'smoke-02-dashboard-en');
  });

  it('keeps English (and the session) after a reload', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expectServerStatus('OK');
    await shot(page, 'smoke-03-dashboard-en-reloaded');
  });

  it('shows the 404 page for an unknown console route', async () => {
    const response = await page.goto(`${target.baseUrl}/no-such-page/here`, { waitUntil: 'domcontentloaded' });
    assert.equal(response?.status(), 200, 'SPA fallback should serve index.html');
    await waitText(page.getByTestId('not-found'), 'Page not found');
    await shot(page, 'smoke-04-not-found');
  });

  it('logged no console errors', () => {
    assert.deepEqual(problems, []);
  });
});
