// Browser test of issue 6's order flow in the Chinese console against the real server. The API
// prepares a warehouse, two products with stock and a customer, and creates an order above the
// amount threshold (大额订单), so it waits in the audit queue. Then every step goes through the
// pages: 审核队列 shows the reason, approve with a note → the order page: pay → pick → pack →
// ship with carrier and tracking number (已发货, number shown) → deliver → 申请售后 from the
// order: a return of one line → approve → receive with restock → refund (an amount above what
// is refundable is refused with the message shown, then a valid amount) → the customer's 360
// page: the 订单 tab lists the order with its refund and the 时间线 shows the order's items. The
// API is used only to prepare data and to check the outcome (stock back, amounts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiLogin, env, launchBrowser, loginUi, newPage, shot, startTarget } from './support/harness.mjs';

const run = Date.now().toString(36);
const SKU_A = `E2E-A-${run}`.toUpperCase();
const SKU_B = `E2E-B-${run}`.toUpperCase();
const NAME_A = `真丝围巾${run}`;
const NAME_B = `羊绒披肩${run}`;
const CUSTOMER = `林小雨${run}`;
const PHONE = `158${String(Date.now()).slice(-8)}`;
const EXTERNAL_ID = `TB-E2E-${run}`;
const TRACKING = `SF${String(Date.now()).slice(-10)}`;
const PRICE_A = 3_000_000; // ¥30,000.00 × 1
const PRICE_B = 1_500_000; // ¥15,000.00 × 2 — ¥60,000.00 in all, above the default ¥50,000 threshold
const TOTAL = PRICE_A + 2 * PRICE_B;
// antd puts a space between two CJK characters of a button label ("确 定").
const btnName = (s) => new RegExp(`^\\s*${[...s].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);
const yuan = (fen) => `¥${Math.floor(fen / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(fen % 100).padStart(2, '0')}`;

let target;
let browser;
let page;
let problems;
let call;
let warehouseId;
let customerId;
let order;
let afterSaleId;

/** The <input> of an antd input component whose data-testid may sit on the input or a wrapper. */
async function inputOf(locator) {
  return (await locator.evaluate((el) => el.tagName)) === 'INPUT' ? locator : locator.locator('input');
}

/** The order page's status tag (the header's, the first on the page). */
const statusTag = () => page.getByTestId('order-status').first();

/** Clicks an action button of the order page, confirms the modal and waits for the new status. */
async function orderAction(action, status, fill) {
  await page.getByTestId(`order-action-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor();
  if (fill) await fill(modal);
  await modal.getByTestId('order-action-submit').click();
  await modal.waitFor({ state: 'hidden' });
  await statusTag().getByText(status, { exact: true }).waitFor();
}

/** Clicks an action button of the after-sales page and confirms its modal. */
async function afterSaleAction(action, fill) {
  await page.getByTestId(`after-sale-action-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor();
  if (fill) await fill(modal);
  await modal.getByTestId('after-sale-action-submit').click();
  return modal;
}

describe('order flow (issue 6)', { skip: process.env.SHOPCRM_E2E_FAKE === '1' && 'needs the real server' }, () => {
  before(async () => {
    target = await startTarget();
    browser = await launchBrowser();
    ({ page, problems } = await newPage(browser));
    call = await apiLogin(target.baseUrl, 'admin', env.adminPassword);

    // A default warehouse of this run (orders reserve from the default one), two products with
    // stock in it, and the customer.
    const wh = await call('POST', '/api/v1/warehouses', { code: `WH-${run}`.toUpperCase(), name: `华东仓${run}`, address: '杭州市余杭区', enabled: true, is_default: true });
    assert.equal(wh.status, 201, JSON.stringify(wh.body));
    warehouseId = wh.body.id;
    for (const [sku, name, price] of [[SKU_A, NAME_A, PRICE_A], [SKU_B, NAME_B, PRICE_B]]) {
      const p = await call('POST', '/api/v1/products', { sku, name, price_fen: price, cost_fen: Math.floor(price / 2) });
      assert.equal(p.status, 201, JSON.stringify(p.body));
    }
    const received = await call('POST', '/api/v1/stock/receive', {
      warehouse_id: warehouseId,
      lines: [{ sku: SKU_A, quantity: 10 }, { sku: SKU_B, quantity: 10 }],
      reason: '期初入库',
    });
    assert.equal(received.status, 200, JSON.stringify(received.body));
    const customer = await call('POST', '/api/v1/customers', { name: CUSTOMER, phone: PHONE });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    customerId = customer.body.id;

    const created = await call('POST', '/api/v1/orders', {
      platform: 'taobao',
      external_id: EXTERNAL_ID,
      customer_id: customerId,
      items: [
        { sku: SKU_A, quantity: 1, unit_price_fen: PRICE_A },
        { sku: SKU_B, quantity: 2, unit_price_fen: PRICE_B },
      ],
      shipping_fee_fen: 0,
      payment_method: 'online',
      receiver: { name: CUSTOMER, phone: PHONE, province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路100号' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    order = created.body;
    assert.equal(order.status, 'pending_audit', 'the amount rule holds the order');
    assert.equal(order.total_fen, TOTAL);
    assert.deepEqual(order.audit_reasons.map((r) => r.rule), ['amount_threshold']);

    await loginUi(page, target.baseUrl, 'admin', env.adminPassword);
  });

  after(async () => {
    await browser?.close();
    await target?.close();
  });

  it('shows the held order with its reason in 审核队列 and approves it with a note', async () => {
    await page.goto(`${target.baseUrl}/orders`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('menuitem', { name: '审核队列' }).click();
    await page.waitForURL(/\/orders\/audit$/);
    const row = page.getByTestId('audit-queue').getByRole('row', { name: new RegExp(order.number) });
    const reason = row.getByTestId('audit-reasons').getByText('大额订单');
    await reason.waitFor();
    // Readable without scrolling the table sideways (left of the fixed 操作 column).
    const box = await reason.boundingBox();
    const actions = await row.getByTestId('audit-approve').boundingBox();
    assert.ok(box.x + box.width <= actions.x, `the reason is in view: ${JSON.stringify({ box, actions })}`);
    await shot(page, 'order-01-audit-queue');
    await row.getByTestId('audit-approve').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByTestId('order-action-note').fill('已电话核实大额订单');
    await modal.getByTestId('order-action-submit').click();
    await modal.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    const got = await call('GET', `/api/v1/orders/${order.id}`);
    assert.equal(got.body.status, 'approved');
    assert.ok(got.body.events.some((e) => e.note === '已电话核实大额订单'), JSON.stringify(got.body.events));
  });

  it('takes the order through pay, pick, pack, ship (carrier and tracking number) and deliver', async () => {
    await page.goto(`${target.baseUrl}/orders?q=${encodeURIComponent(order.number)}`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('orders-table').getByTestId('order-link').getByText(order.number).click();
    await page.waitForURL(new RegExp(`/orders/${order.id}$`));
    await page.getByTestId('order-title').getByText(order.number).waitFor();
    await statusTag().getByText('已审核', { exact: true }).waitFor();
    await page.getByTestId('order-total').getByText(yuan(TOTAL)).waitFor();

    await orderAction('pay', '已付款', async (modal) => {
      assert.equal(await (await inputOf(modal.getByTestId('order-pay-amount'))).inputValue(), '60000.00', 'the amount due is proposed');
      await modal.getByTestId('order-pay-reference').fill(`ALI${run}`);
    });
    await orderAction('pick', '拣货中');
    await orderAction('pack', '已打包');
    await orderAction('ship', '已发货', async (modal) => {
      const input = await inputOf(modal.getByTestId('order-ship-carrier'));
      await input.fill('顺丰速运');
      await input.press('Escape');
      await modal.getByTestId('order-ship-tracking').fill(TRACKING);
    });
    await page.getByTestId('order-summary').getByText(TRACKING).waitFor();
    await page.getByTestId('order-summary').getByText('顺丰速运').waitFor();
    await shot(page, 'order-02-shipped');
    await orderAction('deliver', '已签收');
    const got = await call('GET', `/api/v1/orders/${order.id}`);
    assert.equal(got.body.paid_fen, TOTAL);
    assert.equal(got.body.tracking_number, TRACKING);
  });

  it('returns one line from the order: approve, receive with restock, refund (too much refused first)', async () => {
    await page.getByRole('tab', { name: '售后' }).click();
    await page.getByTestId('after-sale-create').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('退货退款', { exact: true }).click();
    const lineA = (await call('GET', `/api/v1/orders/${order.id}`)).body.items.find((i) => i.sku === SKU_A);
    await (await inputOf(modal.getByTestId(`after-sale-qty-${lineA.id}`))).fill('1');
    await modal.getByTestId('after-sale-reason').fill('颜色与图片不符');
    await (await inputOf(modal.getByTestId('after-sale-requested'))).fill('30000');
    await shot(page, 'order-03-after-sale-create');
    await modal.getByTestId('after-sale-submit').click();
    await page.waitForURL(/\/after-sales\/\d+$/);
    afterSaleId = Number(new URL(page.url()).pathname.split('/').pop());
    const status = () => page.getByTestId('after-sale-status').first();
    await status().getByText('待处理', { exact: true }).waitFor();

    await afterSaleAction('approve', (m) => m.getByTestId('after-sale-action-note').fill('同意退货'));
    await status().getByText('已同意', { exact: true }).waitFor();

    const before = await call('GET', `/api/v1/stock?warehouse_id=${warehouseId}`);
    const onHand = (rows) => rows.items.find((r) => r.sku === SKU_A).on_hand;
    await afterSaleAction('receive', async (m) => {
      assert.equal(await m.getByTestId('after-sale-restock').getAttribute('aria-checked'), 'true', 'restock is on by default');
      await m.getByTestId('after-sale-warehouse').click();
      await page.locator('.ant-select-dropdown:visible').getByText(`华东仓${run}`, { exact: true }).click();
    });
    await status().getByText('已收货', { exact: true }).waitFor();
    const afterReceive = await call('GET', `/api/v1/stock?warehouse_id=${warehouseId}`);
    assert.equal(onHand(afterReceive.body), onHand(before.body) + 1, 'the returned piece is back in stock');

    const refund = await afterSaleAction('refund', async (m) => {
      await m.getByTestId('refund-remaining').getByText(yuan(TOTAL)).waitFor();
      await (await inputOf(m.getByTestId('refund-amount'))).fill('60000.01');
    });
    await refund.getByText(`超出可退余额 ${yuan(TOTAL)}`).waitFor();
    await shot(page, 'order-04-refund-too-much');
    assert.equal((await call('GET', `/api/v1/orders/${order.id}`)).body.refunded_fen, 0, 'nothing refunded');
    await (await inputOf(refund.getByTestId('refund-amount'))).fill('30000');
    await refund.getByTestId('after-sale-action-submit').click();
    await refund.waitFor({ state: 'hidden' });
    await status().getByText('已退款', { exact: true }).waitFor();
    await shot(page, 'order-05-refunded');
    const got = await call('GET', `/api/v1/orders/${order.id}`);
    assert.equal(got.body.refunded_fen, PRICE_A);
  });

  it('shows the order with its refund on the customer 360 page and its items on the timeline', async () => {
    await page.goto(`${target.baseUrl}/orders/${order.id}`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('order-summary').getByText(yuan(PRICE_A)).waitFor();
    await shot(page, 'order-06-detail');
    await page.getByTestId('order-customer-link').click();
    await page.waitForURL(new RegExp(`/customers/${customerId}$`));
    await page.getByRole('tab', { name: '订单', exact: true }).click();
    const tab = page.getByTestId('customer-orders');
    const row = tab.getByRole('row', { name: new RegExp(order.number) });
    await row.getByText('已签收').waitFor();
    await row.getByText(yuan(PRICE_A)).waitFor();
    await row.getByText(yuan(TOTAL)).first().waitFor();
    await shot(page, 'order-07-customer-orders');
    await page.getByRole('tab', { name: '时间线' }).click();
    const entry = page.getByTestId('customer-timeline').getByTestId('timeline-item-order').filter({ hasText: order.number });
    await entry.getByText(`${NAME_A} ×1、${NAME_B} ×2`).waitFor();
    await page.getByTestId('customer-timeline').getByTestId('timeline-item-after_sale').first().waitFor();
    await shot(page, 'order-08-customer-timeline');
  });

  it('raised no browser errors', () => {
    assert.deepEqual(problems, []);
  });
});
