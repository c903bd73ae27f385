// Browser tests of the console for issue 4: login (captcha test hook), errors, remember username,
// system pages (screenshot each), a salesperson with an XSS display name, language switch,
// logout with confirmation, and the forgot-password flow with the code from the outbox file.
//   run by tests/e2e/run-with-server.sh (real server: --test-captcha, SHOPCRM_ADMIN_PASSWORD,
//   SHOPCRM_OUTBOX_FILE), or SHOPCRM_E2E_FAKE=1 for the test-only fake server.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { apiLogin, env, fillLogin, launchBrowser, loginUi, newPage, shot, startTarget } from './support/harness.mjs';

const XSS = '<img src=x onerror=alert(1)>';
const run = Date.now().toString(36);
const SALES = { username: `sales_${run}`, password: `Sales-Pass-${run}-9` };
const RECOVER = { username: `recover_${run}`, email: `recover_${run}@example.com`, password: `First-Pass-${run}-1`, next: `Second-Pass-${run}-2` };

let target;
let browser;
let page;
let problems;
let dialogs;

const text = (s) => page.getByText(s, { exact: true }).first();
/** antd puts a space between two Chinese characters in buttons ("保 存"). */
const btnName = (s) => new RegExp(`^\\s*${[...s].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);
const openSystem = async (path, heading) => {
  await page.goto(`${target.baseUrl}${path}`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { name: heading }).waitFor();
};

async function logoutWithConfirmation(menuText, okText, title) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: menuText }).click();
  await page.locator('.ant-modal-confirm-title').getByText(title).waitFor();
  await shot(page, `console-logout-confirm-${okText === 'Sign out' ? 'en' : 'zh'}`);
  await page.locator('.ant-modal-confirm').getByRole('button', { name: btnName(okText) }).click();
  await page.waitForURL(/\/login$/);
}

async function lastOutboxCode() {
  assert.ok(env.outboxFile, 'SHOPCRM_OUTBOX_FILE must name the development sender outbox');
  for (let i = 0; i < 50; i++) {
    const lines = (await readFile(env.outboxFile, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);
    const last = lines.length ? JSON.parse(lines.at(-1)) : null;
    const code = last && /\b(\d{6})\b/.exec(last.body)?.[1];
    if (code && (last.to === RECOVER.email || String(last.body).length)) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no recovery code in the outbox');
}

describe('console', { timeout: 300_000 }, () => {
  before(async () => {
    target = await startTarget();
    browser = await launchBrowser();
    ({ page, problems, dialogs } = await newPage(browser));
  });

  after(async () => {
    await browser?.close();
    await target?.close();
  });

  it('shows the login page in Chinese with a captcha', async () => {
    await page.goto(`${target.baseUrl}/system/roles`, { waitUntil: 'domcontentloaded' });
    await page.waitForURL(/\/login\?next=%2Fsystem%2Froles$/);
    await page.getByRole('heading', { name: '账号登录' }).waitFor();
    await page.getByTestId('captcha-image').waitFor();
    await text('记住用户名').waitFor();
    await text('忘记密码？').waitFor();
    await shot(page, 'console-01-login');
  });

  it('says the password is wrong and loads a new captcha', async () => {
    const before = await page.getByTestId('captcha-image').getAttribute('src');
    const captchaReloaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/captcha'));
    await fillLogin(page, 'admin', 'Wrong-Password-1');
    await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
    await captchaReloaded;
    assert.equal(await page.locator('#login_captcha').inputValue(), '');
    assert.ok(before);
    await shot(page, 'console-02-login-wrong-password');
  });

  it('logs in with the captcha, remembers the username and goes to the requested page', async () => {
    await fillLogin(page, 'admin', env.adminPassword, { remember: true });
    await page.waitForURL(/\/system\/roles$/);
    await page.getByRole('heading', { name: '角色' }).waitFor();
    await page.getByTestId('user-display-name').waitFor();
    await shot(page, 'console-03-roles');
  });

  it('shows the role permission matrix (built-in admin read-only)', async () => {
    await page.getByRole('row', { name: /管理员/ }).getByRole('button', { name: btnName('查看') }).click();
    await page.getByTestId('permission-matrix').waitFor();
    await page.waitForTimeout(500); // drawer animation
    await text('内置管理员角色拥有全部权限，不可修改。').waitFor();
    await shot(page, 'console-04-role-admin-matrix');
    await page.keyboard.press('Escape');
  });

  it('shows the settings, login log, audit log and API token pages', async () => {
    await openSystem('/system/settings', '系统设置');
    await text('安全').waitFor();
    await shot(page, 'console-05-settings');
    await openSystem('/system/login-log', '登录日志');
    await page.getByTestId('login-log-table').getByText('用户名或密码错误').first().waitFor();
    await page.getByTestId('login-log-table').getByText('成功').first().waitFor();
    await shot(page, 'console-06-login-log');
    await openSystem('/system/audit-log', '审计日志');
    await shot(page, 'console-07-audit-log');
    await openSystem('/system/api-tokens', '接口令牌');
    await page.getByRole('button', { name: /新建令牌/ }).click();
    await page.locator('#token_name').fill(`e2e ${run}`);
    await page.getByRole('checkbox', { name: /users\.view/ }).check();
    await page.getByRole('button', { name: btnName('创建') }).click();
    const token = await page.getByTestId('token-value').textContent();
    assert.match(token ?? '', /^scrm_/);
    await shot(page, 'console-08-api-token-created');
    await page.getByRole('button', { name: btnName('我已保存') }).click();
    await page.getByRole('row', { name: new RegExp(`e2e ${run}`) }).getByRole('button', { name: btnName('吊销') }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: btnName('确定') }).click();
    await page.getByRole('row', { name: new RegExp(`e2e ${run}`) }).getByText('已吊销').waitFor();
    await shot(page, 'console-09-api-tokens');
  });

  it('creates a salesperson whose display name is shown as text', async () => {
    await openSystem('/system/users', '员工');
    await page.getByTestId('user-create').click();
    await page.locator('#user_username').fill(SALES.username);
    await page.locator('#user_display_name').fill(XSS);
    await page.locator('#user_password').fill(SALES.password);
    await page.getByTestId('password-checklist').locator('[data-rule="length"][data-ok="true"]').waitFor();
    await page.locator('#user_role_ids').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '业务员' }).click();
    await page.keyboard.press('Escape');
    await shot(page, 'console-10-user-create');
    await page.locator('.ant-modal-footer').getByRole('button', { name: btnName('保存') }).click();
    await page.getByText('员工已创建').waitFor();
    await page.getByTestId('user-search').locator('input').fill(SALES.username);
    await page.getByTestId('user-search').locator('input').press('Enter');
    await page.waitForURL(new RegExp(`q=${SALES.username}`));
    const row = page.getByRole('row', { name: new RegExp(SALES.username) });
    await row.getByText(XSS, { exact: true }).waitFor();
    await row.getByText('业务员').waitFor();
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    await shot(page, 'console-11-users-xss-as-text');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByRole('row', { name: new RegExp(SALES.username) }).waitFor(); // filter kept in the URL
  });

  it('logs out after confirmation and remembers the username across reloads', async () => {
    await logoutWithConfirmation('退出登录', '退出登录', '确认退出登录？');
    assert.equal(await page.locator('#login_username').inputValue(), 'admin');
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByTestId('captcha-image').waitFor();
    assert.equal(await page.locator('#login_username').inputValue(), 'admin');
    assert.equal(await page.locator('#login_remember').isChecked(), true);
    const stored = await page.evaluate(() => JSON.stringify(window.localStorage));
    assert.ok(!stored.includes(env.adminPassword), 'the password must never be stored');
    await shot(page, 'console-12-login-remembered');
  });

  it('hides system pages from the salesperson and refuses their URLs', async () => {
    await fillLogin(page, SALES.username, SALES.password, { remember: false });
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('user-display-name').getByText(XSS, { exact: true }).waitFor();
    const menu = await page.getByRole('menu').first().textContent();
    assert.ok(menu?.includes('仪表盘'));
    for (const hidden of ['系统管理', '员工', '角色', '系统设置', '登录日志', '审计日志', '接口令牌']) assert.ok(!menu?.includes(hidden), hidden);
    await shot(page, 'console-13-salesperson-dashboard');
    for (const path of ['/system/users', '/system/roles', '/system/settings', '/system/login-log', '/system/audit-log', '/system/api-tokens']) {
      await page.goto(`${target.baseUrl}${path}`, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('forbidden').getByText('无权访问').waitFor();
    }
    await shot(page, 'console-14-salesperson-403');
    assert.deepEqual(dialogs, [], 'no script from a display name may run');
  });

  it('switches to English and logs out with the confirmation dialog', async () => {
    await page.goto(`${target.baseUrl}/dashboard`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('menu').first().getByText('Dashboard').waitFor();
    await shot(page, 'console-15-dashboard-en');
    await logoutWithConfirmation('Sign out', 'Sign out', 'Sign out?');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByText('Remember username').waitFor();
    await shot(page, 'console-16-login-en');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByRole('heading', { name: '账号登录' }).waitFor();
  });

  it('resets a forgotten password with the code from the outbox and logs in with it', async () => {
    const admin = await apiLogin(target.baseUrl, 'admin', env.adminPassword);
    const roles = await admin('GET', '/api/v1/roles');
    const sales = roles.body.items.find((r) => r.name === 'salesperson');
    const created = await admin('POST', '/api/v1/users', {
      username: RECOVER.username, display_name: '找回密码测试', password: RECOVER.password, email: RECOVER.email, role_ids: [sales.id],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    await page.getByRole('link', { name: '忘记密码？' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await page.locator('#recovery_identifier').fill(RECOVER.username);
    await page.getByTestId('captcha-image').waitFor();
    await page.locator('#recovery_captcha').fill(env.captcha);
    await shot(page, 'console-17-forgot-identify');
    await page.getByTestId('recovery-send').click();
    await page.locator('#reset_code').waitFor();
    const code = await lastOutboxCode();
    await page.locator('#reset_code').fill(code);
    await page.locator('#reset_new_password').fill('short');
    await page.getByTestId('password-checklist').locator('[data-rule="length"][data-ok="false"]').waitFor();
    await page.locator('#reset_new_password').fill(RECOVER.next);
    await page.getByTestId('password-checklist').locator('[data-rule="length"][data-ok="true"]').waitFor();
    await page.getByTestId('password-checklist').locator('[data-rule="classes"][data-ok="true"]').waitFor();
    await page.locator('#reset_confirm').fill(RECOVER.next);
    await shot(page, 'console-18-forgot-new-password');
    await page.getByTestId('recovery-confirm').click();
    await page.getByText('密码已重置').waitFor();
    await shot(page, 'console-19-forgot-done');
    await page.getByTestId('recovery-back-login').click();
    await page.waitForURL(/\/login$/);
    await fillLogin(page, RECOVER.username, RECOVER.next);
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('user-display-name').getByText('找回密码测试').waitFor();
  });

  it('logged no console errors and fired no dialogs', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(dialogs, []);
  });
});
