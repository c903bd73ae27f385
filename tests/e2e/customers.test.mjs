// Browser tests of the customer pages (issue 5, first slice) against the real server: the list
// shows masked personal data, search by name, the 360 page with its history, delete to the
// recycle bin and restore. Data is created through the API so the test checks what the pages show.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiLogin, env, launchBrowser, loginUi, newPage, shot, startTarget } from './support/harness.mjs';

const run = Date.now().toString(36);
const NAME = `李雷${run}`;
const PHONE = `139${String(Date.now()).slice(-8)}`;

let target;
let browser;
let page;
let problems;
let call;
let customer;

describe('customer pages', { skip: process.env.SHOPCRM_E2E_FAKE === '1' && 'needs the real server' }, () => {
  before(async () => {
    target = await startTarget();
    browser = await launchBrowser();
    ({ page, problems } = await newPage(browser));
    call = await apiLogin(target.baseUrl, 'admin', env.adminPassword);
    const created = await call('POST', '/api/v1/customers', {
      name: NAME, phone: PHONE, email: `lilei${run}@example.com`, gender: 'male',
      address: { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路100号' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    customer = created.body;
    await loginUi(page, target.baseUrl, 'admin', env.adminPassword);
  });

  after(async () => {
    await browser?.close();
    await target?.close();
  });

  it('lists the customer with the phone masked and finds them by name', async () => {
    await page.goto(`${target.baseUrl}/customers?q=${encodeURIComponent(NAME)}`, { waitUntil: 'domcontentloaded' });
    await page.getByText(NAME, { exact: true }).first().waitFor();
    const masked = `${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`;
    await page.getByText(masked).first().waitFor();
    assert.equal(await page.getByText(PHONE, { exact: true }).count(), 0, 'the full number is never shown in the list');
    await shot(page, 'customers-01-list');
  });

  it('opens the 360 page with the customer number', async () => {
    await page.goto(`${target.baseUrl}/customers/${customer.id}`, { waitUntil: 'domcontentloaded' });
    await page.getByText(customer.number).first().waitFor();
    await shot(page, 'customers-02-detail');
  });

  it('deleted customers wait in the recycle bin and can be restored', async () => {
    assert.equal((await call('DELETE', `/api/v1/customers/${customer.id}`)).status, 204);
    await page.goto(`${target.baseUrl}/customers/recycle-bin`, { waitUntil: 'domcontentloaded' });
    await page.getByText(NAME, { exact: true }).first().waitFor();
    await shot(page, 'customers-03-recycle-bin');
    assert.equal((await call('POST', `/api/v1/customers/${customer.id}/restore`, {})).status, 200);
    await page.goto(`${target.baseUrl}/customers?q=${encodeURIComponent(NAME)}`, { waitUntil: 'domcontentloaded' });
    await page.getByText(NAME, { exact: true }).first().waitFor();
  });

  it('raised no browser errors', () => {
    assert.deepEqual(problems, []);
  });
});
