// SPDX-License-Identifier: Apache-2.0
// Times the console's analytics dashboard (经营看板, /analytics) in headless chromium: from the
// start of the navigation to the moment the eight KPI cards, the trend chart and both mix charts
// are on screen (performance.now() of the page when they are, i.e. ms since navigation start).
// Three kinds: cold (a direct visit with an empty cache), warm (the page loaded again) and login
// (sign in on a fresh browser, then open the page inside the app; CPU includes the sign-in).
// Prints each run and p50/p95 of that wall time, and the average CPU time a load cost chromium
// (all its processes) and the server (SHOPCRM_SERVER_PID). Used by run.sh; see README.md.
//   SHOPCRM_BASE_URL=http://127.0.0.1:port SHOPCRM_ADMIN_PASSWORD=… node measure.mjs [runs] [path]
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from '../../tests/e2e/node_modules/playwright-core/index.mjs';

const base = process.env.SHOPCRM_BASE_URL;
const password = process.env.SHOPCRM_ADMIN_PASSWORD;
const captcha = process.env.SHOPCRM_TEST_CAPTCHA ?? '2468';
const runs = Number(process.argv[2] ?? 20);
const path = process.argv[3] ?? '/analytics';
if (!base || !password || !(runs > 0)) {
  console.error('usage: SHOPCRM_BASE_URL=… SHOPCRM_ADMIN_PASSWORD=… node measure.mjs [runs] [path]');
  process.exit(2);
}

async function sessionCookie() {
  const cap = await (await fetch(`${base}/api/v1/auth/captcha`)).json();
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password, captcha_id: cap.id, captcha }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  const [pair] = (res.headers.get('set-cookie') ?? '').split(';');
  const eq = pair.indexOf('=');
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: base };
}

// Everything the dashboard shows once loaded: 8 KPI values and the 3 charts drawn (ECharts' SVG
// renderer: paths inside the chart's element).
const CHARTS = ['dashboard-trend', 'dashboard-category-mix', 'dashboard-channel-mix'];
// The home dashboard (/dashboard) shows the KPI cards only.
const charts = path === '/analytics' ? CHARTS : [];
const rendered = (charts) => {
  const cards = document.querySelectorAll('[data-testid^="kpi-"] .ant-statistic-content-value').length;
  const drawn = charts.filter((id) => document.querySelector(`[data-testid="${id}"] svg path`)).length;
  return cards >= 8 && drawn === charts.length ? performance.now() : false;
};

// CPU time (user + system, /proc, 10 ms ticks) of a process and of its descendants: chromium's
// browser, renderer, GPU and network processes; the server (SHOPCRM_SERVER_PID).
const statFields = (pid) => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // gone
  }
};
// utime + stime (+ cutime + cstime with `children`: the processes it reaped, e.g. renderers).
const cpuMs = (pid, children = false) => {
  const f = statFields(pid);
  if (!f) return 0;
  return (Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0)) * 10;
};
function treeCpuMs(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(name);
    if (!f) continue;
    const parent = Number(f[1]);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(Number(name));
  }
  const all = [...(children.get(root) ?? [])];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all.reduce((sum, pid) => sum + cpuMs(pid, true), 0);
}
const serverPid = Number(process.env.SHOPCRM_SERVER_PID ?? 0);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const browser = await chromium.launch({
  executablePath: process.env.SHOPCRM_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const cookie = await sessionCookie();
  const results = { cold: [], warm: [] };
  const cpu = {}; // average browser (+ server) CPU ms per load, over all runs of a kind
  // chromium runs as children of this node process (whose own CPU is left out); processes that
  // exit during a loop count through their parent's cutime/cstime once reaped.
  const cpuNow = () => treeCpuMs(process.pid) + (serverPid ? cpuMs(serverPid) : 0);
  // cold: a new browser context each run (empty HTTP cache: every script and style downloaded);
  let before = cpuNow();
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    await context.addCookies([cookie]);
    const page = await context.newPage();
    await page.goto(`${base}${path}`, { waitUntil: 'commit' });
    results.cold.push(await (await page.waitForFunction(rendered, charts, { timeout: 60_000, polling: 'raf' })).jsonValue());
    await context.close();
  }
  cpu.cold = (cpuNow() - before) / runs;
  // warm: one context, the page loaded again (scripts from the HTTP cache, every API call made
  // again, React Query's cache gone with the document).
  const warmContext = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
  await warmContext.addCookies([cookie]);
  const warmPage = await warmContext.newPage();
  await warmPage.goto(`${base}${path}`);
  await warmPage.waitForFunction(rendered, charts, { timeout: 60_000, polling: 'raf' });
  before = cpuNow();
  for (let i = 0; i < runs; i++) {
    await warmPage.goto(`${base}${path}`, { waitUntil: 'commit' });
    results.warm.push(await (await warmPage.waitForFunction(rendered, charts, { timeout: 60_000, polling: 'raf' })).jsonValue());
  }
  cpu.warm = (cpuNow() - before) / runs;
  // login: what a merchant does — a new browser context (empty cache) opens the login page, signs
  // in (the console lands on /dashboard), then goes to the page inside the app (a client-side
  // navigation, as a menu click does). Timed from the navigation to the page being rendered.
  results.login = [];
  before = cpuNow();
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.locator('#login_username').fill('admin');
    await page.locator('#login_password').fill(password);
    await page.getByTestId('captcha-image').waitFor();
    await page.locator('#login_captcha').fill(captcha);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/dashboard$/);
    const start = await page.evaluate((target) => {
      const t = performance.now();
      window.history.pushState({}, '', target);
      window.dispatchEvent(new PopStateEvent('popstate'));
      return t;
    }, path);
    const done = await (await page.waitForFunction(rendered, charts, { timeout: 60_000, polling: 'raf' })).jsonValue();
    results.login.push(done - start);
    await context.close();
  }
  cpu.login = (cpuNow() - before) / runs;
  for (const [kind, times] of Object.entries(results)) {
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`${kind}: ${times.map((t) => t.toFixed(0)).join(' ')} ms`);
    console.log(`${kind}: runs ${runs}  wall p50 ${percentile(sorted, 50).toFixed(0)} ms  p95 ${percentile(sorted, 95).toFixed(0)} ms  max ${sorted.at(-1).toFixed(0)} ms` +
      `  |  CPU (browser${serverPid ? ' + server' : ''}) ${cpu[kind].toFixed(0)} ms per load (average)`);
  }
} finally {
  await browser.close();
}
