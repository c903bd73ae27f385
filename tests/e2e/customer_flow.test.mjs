// Browser test of issue 5's customer flow in the Chinese console against the real server:
// create → search → edit (with a consent note) → put in a category → log a communication from
// the 360 page and see it on the timeline → export the list and check the file → delete →
// restore from the recycle bin; the privacy actions (personal data zip, anonymise); then import
// (a bad row is reported, the fixed file imports) and merge two duplicates and undo it. Every step goes through the pages; the API is only used to
// prepare data (a category, duplicate customers) and to look at the outcome.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { apiLogin, env, launchBrowser, loginUi, newPage, shot, startTarget } from './support/harness.mjs';

const run = Date.now().toString(36);
const NAME = `韩梅梅${run}`;
const NEW_NAME = `韩梅${run}`;
const PHONE = `137${String(Date.now()).slice(-8)}`;
const CATEGORY = `批发客户${run}`;
const SUBJECT = `新品回访${run}`;
// antd puts a space between two CJK characters of a button label ("确 定").
const btnName = (s) => new RegExp(`^\\s*${[...s].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);

let target;
let browser;
let page;
let problems;
let call;
let customerId;
let customerNumber;

async function confirmPopover(label = '确定') {
  await page.locator('.ant-popover:visible, .ant-popconfirm:visible').last().getByRole('button', { name: btnName(label) }).click();
}

/** Picks `label` in the antd Select whose trigger is `locator`. */
async function pick(locator, label) {
  await locator.click();
  await page.locator('.ant-select-dropdown:visible').getByText(label, { exact: true }).first().click();
}

describe('customer flow (issue 5)', { skip: process.env.SHOPCRM_E2E_FAKE === '1' && 'needs the real server' }, () => {
  before(async () => {
    target = await startTarget();
    browser = await launchBrowser();
    ({ page, problems } = await newPage(browser));
    call = await apiLogin(target.baseUrl, 'admin', env.adminPassword);
    await loginUi(page, target.baseUrl, 'admin', env.adminPassword);
  });

  after(async () => {
    await browser?.close();
    await target?.close();
  });

  it('creates a customer in the drawer and opens its 360 page', async () => {
    await page.goto(`${target.baseUrl}/customers`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('customer-create').click();
    await page.getByTestId('customer-name').fill(NAME);
    await page.getByTestId('customer-phone').fill(PHONE);
    await shot(page, 'flow-01-create');
    await page.getByTestId('customer-save').click();
    await page.waitForURL(/\/customers\/\d+$/);
    customerId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('customer-title').getByText(NAME).waitFor();
    const got = await call('GET', `/api/v1/customers/${customerId}`);
    customerNumber = got.body.number;
    assert.match(customerNumber, /^C\d+/);
  });

  it('finds the customer by name in the list', async () => {
    await page.goto(`${target.baseUrl}/customers`, { waitUntil: 'domcontentloaded' });
    const search = page.getByTestId('customer-filter-q').locator('input');
    await search.fill(NAME);
    await search.press('Enter');
    await page.waitForURL(/[?&]q=/);
    await page.getByTestId('customers-table').getByText(customerNumber).waitFor();
    await page.getByText(`${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`).first().waitFor();
    await shot(page, 'flow-02-search');
  });

  it('edits the name and the SMS consent with a note, seen in the consent history', async () => {
    await page.goto(`${target.baseUrl}/customers/${customerId}`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('customer-edit').click();
    await page.getByTestId('customer-name').fill(NEW_NAME);
    await page.locator('.ant-drawer-open').getByLabel('短信', { exact: true }).check();
    await page.getByTestId('customer-consent-note').fill('客户在门店同意接收短信');
    await page.getByTestId('customer-save').click();
    await page.getByTestId('customer-title').getByText(NEW_NAME, { exact: true }).waitFor();
    await page.getByRole('tab', { name: '营销授权' }).click();
    await page.getByTestId('customer-consents').getByText('客户在门店同意接收短信').waitFor();
    await shot(page, 'flow-03-consents');
  });

  it('puts the customer in a category from the list', async () => {
    const created = await call('POST', '/api/v1/customer-categories', { name: CATEGORY, description: '' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await page.goto(`${target.baseUrl}/customers?q=${encodeURIComponent(NEW_NAME)}`, { waitUntil: 'domcontentloaded' });
    const row = page.getByTestId('customers-table').getByRole('row', { name: new RegExp(customerNumber) });
    await row.getByRole('checkbox').check();
    await page.getByTestId('customer-add-category').click();
    const dialog = page.getByRole('dialog');
    await pick(dialog.locator('.ant-select'), CATEGORY);
    await dialog.getByRole('button', { name: btnName('确定') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.goto(`${target.baseUrl}/customers/categories/${created.body.id}`, { waitUntil: 'domcontentloaded' });
    await page.getByText(customerNumber).first().waitFor();
    await shot(page, 'flow-04-category');
  });

  it('logs a communication from the 360 page and sees it on the timeline', async () => {
    await page.goto(`${target.baseUrl}/customers/${customerId}`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('tab', { name: '沟通记录' }).click();
    await page.getByTestId('customer-log-interaction').click();
    const drawer = page.locator('.ant-drawer-open');
    await pick(drawer.getByTestId('interaction-channel'), '电话');
    await drawer.getByTestId('interaction-subject').fill(SUBJECT);
    await drawer.getByTestId('interaction-content').fill('介绍了春季新品，客户有兴趣');
    await drawer.getByTestId('interaction-outcome').fill('下周寄样品');
    await shot(page, 'flow-05-log-communication');
    await drawer.getByTestId('interaction-save').click();
    await page.getByTestId('interactions-table').getByText(SUBJECT).waitFor();
    await page.getByRole('tab', { name: '时间线' }).click();
    await page.getByTestId('customer-timeline').getByText(SUBJECT, { exact: false }).first().waitFor();
    await shot(page, 'flow-06-timeline');
    // The communications page lists it too, found by the customer's name.
    await page.goto(`${target.baseUrl}/interactions?q=${encodeURIComponent(NEW_NAME)}`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('interactions-table').getByText(SUBJECT).waitFor();
    await shot(page, 'flow-07-interactions');
  });

  it('exports the filtered list as CSV and the file holds the customer number', async () => {
    await page.goto(`${target.baseUrl}/customers?q=${encodeURIComponent(NEW_NAME)}`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('customers-table').getByText(customerNumber).waitFor();
    await page.getByTestId('customer-export').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('CSV (.csv)').click();
    await dialog.getByTestId('export-start').click();
    const downloadButton = dialog.getByTestId('export-download');
    await downloadButton.waitFor({ timeout: 30_000 });
    await shot(page, 'flow-08-export-ready');
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    assert.match(download.suggestedFilename(), /^customers-\d{8}-\d{6}\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFF'), 'the CSV starts with a BOM so Excel reads UTF-8');
    assert.ok(text.includes(customerNumber), 'the export contains the customer number');
    assert.ok(text.includes('客户编号'), 'the export has the Chinese headers');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: btnName('关闭') }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('deletes the customer and restores it from the recycle bin', async () => {
    await page.goto(`${target.baseUrl}/customers/${customerId}`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('customer-delete').click();
    await confirmPopover();
    await page.waitForURL(/\/customers$/);
    await page.goto(`${target.baseUrl}/customers/recycle-bin`, { waitUntil: 'domcontentloaded' });
    const row = page.getByTestId('recycle-table').getByRole('row', { name: new RegExp(customerNumber) });
    await shot(page, 'flow-09-recycle-bin');
    await row.getByRole('button', { name: btnName('恢复') }).click();
    await confirmPopover();
    await row.waitFor({ state: 'detached' });
    await page.goto(`${target.baseUrl}/customers?q=${encodeURIComponent(NEW_NAME)}`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('customers-table').getByText(customerNumber).waitFor();
  });

  it('downloads the personal data export and anonymises a customer from the 更多 menu', async () => {
    await page.goto(`${target.baseUrl}/customers/${customerId}`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('customer-more').click();
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('privacy-export').click()]);
    assert.equal(zip.suggestedFilename(), `privacy-${customerNumber}.zip`);
    const bytes = await readFile(await zip.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip archive');

    const other = await call('POST', '/api/v1/customers', { name: `匿名测试${run}`, phone: `133${String(Date.now() + 4).slice(-8)}` });
    assert.equal(other.status, 201, JSON.stringify(other.body));
    await page.goto(`${target.baseUrl}/customers/${other.body.id}`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('customer-more').click();
    await page.getByTestId('privacy-anonymise').click();
    const ok = page.getByTestId('anonymise-ok');
    assert.equal(await ok.isDisabled(), true, 'disabled until the number is typed');
    await page.getByTestId('anonymise-number').fill(other.body.number);
    await shot(page, 'flow-10-anonymise');
    await ok.click();
    await page.getByTestId('customer-title').getByText('已匿名客户').waitFor();
    await page.getByTestId('customer-anonymised').waitFor();
  });

  it('imports a CSV: a bad row is reported, the fixed file imports', async () => {
    const good = `139${String(Date.now() + 1).slice(-8)}`;
    const other = `136${String(Date.now() + 2).slice(-8)}`;
    const bad = `姓名,手机,标签\n导入甲${run},${good},VIP\n导入乙${run},12345,复购\n`;
    const fixed = `姓名,手机,标签\n导入甲${run},${good},VIP\n导入乙${run},${other},复购\n`;
    await page.goto(`${target.baseUrl}/customers/import`, { waitUntil: 'domcontentloaded' });
    await page.locator('input[type=file]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await page.getByTestId('mapping-table').waitFor();
    await shot(page, 'flow-11-import-mapping');
    await page.getByTestId('import-start').click();
    const failed = page.getByTestId('import-failed');
    await failed.waitFor({ timeout: 30_000 });
    // Row 3 = the second data row (the header is row 1), in the 手机 column.
    const errorRow = failed.getByTestId('import-errors').locator('tbody tr', { hasText: '手机' }).first();
    await errorRow.waitFor();
    assert.equal((await errorRow.locator('td').first().innerText()).trim(), '3');
    await shot(page, 'flow-12-import-errors');
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-download').click()]);
    const csv = await readFile(await report.path(), 'utf8');
    assert.ok(csv.includes('行号'), 'the error report has the Chinese header');

    await page.getByTestId('import-reupload').click();
    await page.locator('input[type=file]').setInputFiles({ name: 'fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed, 'utf8') });
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-succeeded').waitFor({ timeout: 30_000 });
    await shot(page, 'flow-13-import-done');
    const found = await call('GET', `/api/v1/customers?q=${encodeURIComponent(`导入乙${run}`)}`);
    assert.equal(found.body.total, 1, JSON.stringify(found.body));
  });

  it('merges two duplicates from the review queue and undoes the merge', async () => {
    const twin = { name: `双胞${run}`, birthday: '1991-02-03', gender: 'female' };
    const a = await call('POST', '/api/v1/customers', { ...twin, phone: `135${String(Date.now() + 3).slice(-8)}` });
    const b = await call('POST', '/api/v1/customers', { ...twin, email: `twin${run}@example.com` });
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(b.status, 201, JSON.stringify(b.body));
    await page.goto(`${target.baseUrl}/customers/duplicates`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('duplicates-scan').click();
    const pairRow = page.getByTestId('duplicates-table').getByRole('row', { name: new RegExp(b.body.number) });
    // The scan runs in the background; the page refreshes itself after it was started.
    for (let i = 0; i < 10 && (await pairRow.count()) === 0; i += 1) {
      await page.waitForTimeout(1000);
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.getByTestId('duplicates-table').waitFor();
    }
    await shot(page, 'flow-14-duplicates');
    await pairRow.waitFor();
    await pairRow.getByRole('radio', { name: a.body.number }).check();
    await pairRow.getByRole('button', { name: btnName('合并') }).click();
    await confirmPopover();
    await pairRow.waitFor({ state: 'detached' });
    const merged = await call('GET', `/api/v1/customers/${b.body.id}`);
    assert.equal(merged.status, 404, 'the merged record left the lists');

    await page.getByRole('tab', { name: '合并记录' }).click();
    const mergeRow = page.getByTestId('merges-table').getByRole('row', { name: new RegExp(b.body.number) });
    await mergeRow.getByRole('button', { name: btnName('撤销合并') }).click();
    await confirmPopover();
    await mergeRow.getByText(/已于 .* 撤销/).waitFor();
    await shot(page, 'flow-15-merge-undone');
    assert.equal((await call('GET', `/api/v1/customers/${b.body.id}`)).status, 200, 'the merged record is back');
  });

  it('raised no browser errors', () => {
    assert.deepEqual(problems, []);
  });
});
