// TEST-ONLY in-memory emulation of the staff-accounts API (docs/api/staff-accounts.md), used by
// fake-server.mjs ONLY when SHOPCRM_E2E_FAKE=1, so the browser tests can be developed without the
// C++ build. It follows the contract's shapes, status codes and error codes; the committed tests
// must pass against the real `shopcrm serve`.
import { appendFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const CATALOGUE = [
  ['users.view', '查看员工', 'View staff'], ['users.manage', '管理员工', 'Manage staff'],
  ['roles.view', '查看角色', 'View roles'], ['roles.manage', '管理角色', 'Manage roles'],
  ['tokens.manage', '管理接口令牌', 'Manage API tokens'], ['logs.view', '查看登录日志', 'View login log'],
  ['audit.view', '查看审计日志', 'View audit log'], ['settings.view', '查看设置', 'View settings'],
  ['settings.manage', '修改设置', 'Change settings'],
].map(([name, label_zh, label_en]) => ({ name, label_zh, label_en, module: name.startsWith('audit') ? 'audit' : name.startsWith('settings') ? 'settings' : 'auth' }));
const SCHEMA = {
  data_cache_minutes: [10, 1, 1440], data_sync_minutes: [60, 1, 1440], lockout_threshold: [5, 3, 20],
  lockout_minutes: [15, 1, 1440], ip_lockout_threshold: [20, 5, 1000], session_idle_minutes: [30, 5, 1440],
  session_absolute_hours: [12, 1, 720], password_min_length: [10, 8, 64], password_classes: [3, 1, 4],
  sla_first_response_hours: [4, 1, 720], sla_resolution_hours: [48, 1, 2160], churn_threshold_days: [180, 30, 1095],
  points_per_yuan: [1, 0, 100],
};

export function createFakeApi({ captchaAnswer = '2468', adminPassword = 'Console-Pass-2026!', outboxFile } = {}) {
  const now = () => Date.now();
  let seq = 100;
  const roles = [
    { id: 1, name: 'admin', label: '管理员', builtin: true, data_scope: 'all', permissions: CATALOGUE.map((p) => p.name) },
    { id: 2, name: 'salesperson', label: '业务员', builtin: true, data_scope: 'own', permissions: [] },
    { id: 3, name: 'customer_service', label: '客服', builtin: true, data_scope: 'own', permissions: [] },
    { id: 4, name: 'marketer', label: '营销', builtin: true, data_scope: 'all', permissions: [] },
    { id: 5, name: 'analyst', label: '分析师', builtin: true, data_scope: 'all', permissions: [] },
  ];
  const users = [{ id: 1, username: 'admin', display_name: '管理员', phone: null, email: null, department: null, status: 'active', role_ids: [1], password: adminPassword, created_at: now(), updated_at: now(), last_login_at: null }];
  const sessions = new Map(); // sid -> { userId, csrf }
  const captchas = new Map();
  const codes = new Map(); // userId -> code
  const tokens = [];
  const loginLog = [];
  const audit = [];
  const defaults = { ...Object.fromEntries(Object.entries(SCHEMA).map(([k, v]) => [k, v[0]])), default_export_format: 'xlsx', export_roles: ['admin'], time_zone: 'Asia/Shanghai' };
  const values = { ...defaults };

  const err = (status, code, message, field, headers = {}) => ({ status, headers, body: { error: { code, message, ...(field ? { field } : {}), request_id: randomBytes(6).toString('hex') } } });
  const ok = (body, status = 200, headers = {}) => ({ status, body, headers });
  const userJson = (u) => {
    const rs = roles.filter((r) => u.role_ids.includes(r.id));
    const perms = [...new Set(rs.flatMap((r) => r.permissions))];
    const scope = rs.some((r) => r.data_scope === 'all') ? 'all' : rs.some((r) => r.data_scope === 'department') ? 'department' : 'own';
    const { password: _p, role_ids: _r, ...rest } = u;
    return { ...rest, roles: rs.map(({ id, name, label }) => ({ id, name, label })), permissions: perms, data_scope: scope, totp_enabled: false };
  };
  const roleJson = (r) => ({ ...r, user_count: users.filter((u) => u.role_ids.includes(r.id)).length });
  const page = (items, q) => {
    const limit = Math.min(200, Math.max(1, Number(q.get('limit') ?? 50)));
    const after = q.get('after');
    const sorted = [...items].sort((a, b) => b.id - a.id);
    const rest = after ? sorted.filter((i) => i.id < Number(after)) : sorted;
    const slice = rest.slice(0, limit);
    return ok({ items: slice, total: items.length, next_after: rest.length > limit ? slice.at(-1).id : null });
  };
  const weak = (pw, username) => {
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
    if (pw.length < values.password_min_length) return `password must have at least ${values.password_min_length} characters`;
    if (classes < values.password_classes) return `password must use ${values.password_classes} character classes`;
    if (username && pw.toLowerCase().includes(username.toLowerCase())) return 'password must not contain the username';
    return null;
  };
  const record = (actor, action, target_type, target_id, changes) =>
    audit.push({ id: ++seq, at: now(), actor_id: actor?.id ?? null, actor_name: actor?.display_name ?? '', action, target_type, target_id: String(target_id), changes, ip: '127.0.0.1', request_id: randomBytes(6).toString('hex') });
  const checkCaptcha = (id, answer) => {
    const c = captchas.get(id);
    captchas.delete(id);
    return !!c && String(answer) === captchaAnswer;
  };

  return function handle({ method, path, query, body, cookies, headers }) {
    const sid = cookies.shopcrm_session;
    const s = sid ? sessions.get(createHash('sha256').update(sid).digest('hex')) : undefined;
    const me = s ? users.find((u) => u.id === s.userId && u.status === 'active') : undefined;
    const can = (p) => !!me && userJson(me).permissions.includes(p);
    const b = body ?? {};

    if (method === 'GET' && path === '/api/v1/auth/captcha') {
      const id = randomBytes(8).toString('hex');
      captchas.set(id, true);
      return ok({ id, image: PNG });
    }
    if (method === 'GET' && path === '/api/v1/auth/password-policy')
      return ok({ min_length: values.password_min_length, classes: values.password_classes, class_names: ['lower', 'upper', 'digit', 'symbol'], forbid_username: true, forbid_common: true });
    if (method === 'POST' && path === '/api/v1/auth/login') {
      for (const f of ['username', 'password', 'captcha']) if (!b[f]) return err(400, 'validation.required', `${f} is required`, f);
      const u = users.find((x) => x.username === String(b.username).toLowerCase());
      const log = (result) => loginLog.push({ id: ++seq, at: now(), username: b.username, user_id: u?.id ?? null, ip: '127.0.0.1', user_agent: headers['user-agent'] ?? '', result });
      if (!checkCaptcha(b.captcha_id, b.captcha)) return log('captcha_invalid'), err(400, 'auth.captcha_invalid', 'captcha is wrong or expired', 'captcha');
      if (!u || u.password !== b.password) return log('invalid_credentials'), err(401, 'auth.invalid_credentials', 'invalid username or password');
      if (u.status !== 'active') return log('disabled'), err(403, 'auth.account_disabled', 'account is disabled');
      log('success');
      u.last_login_at = now();
      const newSid = randomBytes(16).toString('hex');
      const csrf = randomBytes(16).toString('hex');
      sessions.set(createHash('sha256').update(newSid).digest('hex'), { userId: u.id, csrf });
      return ok({ user: userJson(u), csrf_token: csrf }, 200, { 'Set-Cookie': `shopcrm_session=${newSid}; HttpOnly; SameSite=Strict; Path=/` });
    }
    if (method === 'POST' && path === '/api/v1/auth/recovery/request') {
      if (!checkCaptcha(b.captcha_id, b.captcha)) return err(400, 'auth.captcha_invalid', 'captcha is wrong or expired', 'captcha');
      const id = String(b.identifier ?? '').toLowerCase();
      const u = users.find((x) => x.username === id || x.email === id || x.phone === id);
      if (u && (u.email || u.phone) && outboxFile) {
        const code = String(Math.floor(100000 + Math.random() * 900000));
        codes.set(u.id, code);
        appendFileSync(outboxFile, JSON.stringify({ at: now(), channel: u.email ? 'email' : 'sms', to: u.email ?? u.phone, subject: 'shopcrm password reset', body: `Your shopcrm verification code is ${code}. It is valid for 10 minutes.` }) + '\n');
      }
      return ok({ status: 'sent' }, 202);
    }
    if (method === 'POST' && path === '/api/v1/auth/recovery/confirm') {
      const id = String(b.identifier ?? '').toLowerCase();
      const u = users.find((x) => x.username === id || x.email === id || x.phone === id);
      if (!u || codes.get(u.id) !== String(b.code)) return err(400, 'auth.code_invalid', 'code is wrong or expired', 'code');
      const w = weak(String(b.new_password ?? ''), u.username);
      if (w) return err(400, 'auth.weak_password', w, 'new_password');
      codes.delete(u.id);
      u.password = b.new_password;
      for (const [k, v] of sessions) if (v.userId === u.id) sessions.delete(k);
      return ok(undefined, 204);
    }
    if (!path.startsWith('/api/v1/')) return null;
    if (!me) return err(401, 'auth.required', 'login required');
    if (method !== 'GET' && headers['x-csrf-token'] !== s.csrf) return err(403, 'auth.csrf_invalid', 'missing or wrong CSRF token');
    if (method === 'GET' && path === '/api/v1/auth/me') return ok({ user: userJson(me), csrf_token: s.csrf });
    if (method === 'POST' && path === '/api/v1/auth/logout') {
      sessions.delete(createHash('sha256').update(sid).digest('hex'));
      return ok(undefined, 204, { 'Set-Cookie': 'shopcrm_session=; Max-Age=0; Path=/' });
    }
    if (method === 'POST' && path === '/api/v1/auth/password') {
      if (b.current_password !== me.password) return err(400, 'auth.wrong_password', 'current password is wrong', 'current_password');
      const w = weak(String(b.new_password ?? ''), me.username);
      if (w) return err(400, 'auth.weak_password', w, 'new_password');
      me.password = b.new_password;
      return ok(undefined, 204);
    }

    const guard = (perm) => (can(perm) ? null : err(403, 'auth.forbidden', 'permission required'));
    let m;
    if (path === '/api/v1/users' && method === 'GET') {
      const q = (query.get('q') ?? '').toLowerCase();
      const list = users.filter((u) => (!q || [u.username, u.display_name, u.phone, u.email].some((v) => v?.toLowerCase().includes(q)))
        && (!query.get('status') || u.status === query.get('status')) && (!query.get('role_id') || u.role_ids.includes(Number(query.get('role_id')))));
      return guard('users.view') ?? page(list.map(userJson), query);
    }
    if (path === '/api/v1/users' && method === 'POST') {
      const g = guard('users.manage'); if (g) return g;
      const username = String(b.username ?? '').toLowerCase();
      if (!/^[a-z0-9_.-]{3,32}$/.test(username)) return err(400, 'user.invalid_username', 'username must be 3-32 of [a-z0-9_.-]', 'username');
      if (users.some((u) => u.username === username)) return err(409, 'user.username_taken', 'username is taken', 'username');
      const w = weak(String(b.password ?? ''), username);
      if (w) return err(400, 'auth.weak_password', w, 'password');
      if (b.email && !/^[^@\s]+@[^@\s]+$/.test(b.email)) return err(400, 'user.invalid_email', 'invalid email', 'email');
      const role_ids = (b.role_ids ?? []).map(Number);
      if (role_ids.some((id) => !roles.some((r) => r.id === id))) return err(400, 'user.unknown_role', 'unknown role', 'role_ids');
      const u = { id: ++seq, username, display_name: b.display_name ?? username, phone: b.phone || null, email: b.email || null, department: b.department || null, status: 'active', role_ids, password: b.password, created_at: now(), updated_at: now(), last_login_at: null };
      users.push(u);
      record(me, 'user.created', 'user', u.id, { username: { from: null, to: username } });
      return ok(userJson(u), 201);
    }
    if ((m = /^\/api\/v1\/users\/(\d+)(\/password)?$/.exec(path))) {
      const u = users.find((x) => x.id === Number(m[1]));
      if (!u) return err(404, 'not_found', 'user not found');
      if (method === 'GET') return guard('users.view') ?? ok(userJson(u));
      const g = guard('users.manage'); if (g) return g;
      if (m[2] && method === 'POST') {
        const w = weak(String(b.new_password ?? ''), u.username);
        if (w) return err(400, 'auth.weak_password', w, 'new_password');
        u.password = b.new_password;
        return ok(undefined, 204);
      }
      if (method === 'PATCH') {
        if (u.id === me.id && ('role_ids' in b || 'status' in b)) return err(403, 'user.cannot_change_self', 'cannot change own roles or status');
        const changes = {};
        for (const k of ['display_name', 'phone', 'email', 'department', 'status', 'role_ids'])
          if (k in b && JSON.stringify(b[k]) !== JSON.stringify(u[k])) { changes[k] = { from: u[k], to: b[k] }; u[k] = b[k] === '' ? null : b[k]; }
        u.updated_at = now();
        record(me, 'user.updated', 'user', u.id, changes);
        return ok(userJson(u));
      }
    }
    if (path === '/api/v1/roles' && method === 'GET') return guard('roles.view') ?? ok({ items: roles.map(roleJson) });
    if (path === '/api/v1/permissions' && method === 'GET') return guard('roles.view') ?? ok({ items: CATALOGUE });
    if (path === '/api/v1/roles' && method === 'POST') {
      const g = guard('roles.manage'); if (g) return g;
      if (roles.some((r) => r.name === b.name)) return err(409, 'role.name_taken', 'role name is taken', 'name');
      const r = { id: ++seq, name: b.name, label: b.label, builtin: false, data_scope: b.data_scope, permissions: b.permissions ?? [] };
      roles.push(r);
      return ok(roleJson(r), 201);
    }
    if ((m = /^\/api\/v1\/roles\/(\d+)$/.exec(path))) {
      const g = guard('roles.manage'); if (g) return g;
      const r = roles.find((x) => x.id === Number(m[1]));
      if (!r) return err(404, 'not_found', 'role not found');
      if (method === 'DELETE') {
        if (r.builtin) return err(409, 'role.builtin', 'built-in roles cannot be deleted');
        const n = users.filter((u) => u.role_ids.includes(r.id)).length;
        if (n) return err(409, 'role.in_use', `role is assigned to ${n} users`);
        roles.splice(roles.indexOf(r), 1);
        return ok(undefined, 204);
      }
      if (r.name === 'admin') return err(409, 'role.builtin', 'the admin role cannot be changed');
      Object.assign(r, { label: b.label ?? r.label, data_scope: b.data_scope ?? r.data_scope, permissions: b.permissions ?? r.permissions });
      return ok(roleJson(r));
    }
    if (path === '/api/v1/api-tokens' && method === 'GET') return guard('tokens.manage') ?? ok({ items: tokens.map(({ hash: _h, ...t }) => t) });
    if (path === '/api/v1/api-tokens' && method === 'POST') {
      const g = guard('tokens.manage'); if (g) return g;
      if (!b.name) return err(400, 'validation.required', 'name is required', 'name');
      if ((b.permissions ?? []).some((p) => !can(p))) return err(403, 'auth.cannot_grant', 'cannot grant permissions you lack', 'permissions');
      const token = `scrm_${randomBytes(24).toString('hex')}`;
      const t = { id: ++seq, name: b.name, prefix: token.slice(0, 12), permissions: b.permissions ?? [], created_at: now(), created_by: me.id, last_used_at: null, revoked_at: null };
      tokens.push(t);
      return ok({ ...t, token }, 201);
    }
    if ((m = /^\/api\/v1\/api-tokens\/(\d+)$/.exec(path)) && method === 'DELETE') {
      const g = guard('tokens.manage'); if (g) return g;
      const t = tokens.find((x) => x.id === Number(m[1]));
      if (!t) return err(404, 'not_found', 'token not found');
      t.revoked_at = now();
      return ok(undefined, 204);
    }
    const inRange = (at) => (!query.get('from') || at >= Date.parse(query.get('from'))) && (!query.get('to') || at < Date.parse(query.get('to')) + 86_400_000);
    if (path === '/api/v1/login-log' && method === 'GET')
      return guard('logs.view') ?? page(loginLog.filter((l) => (!query.get('username') || l.username === query.get('username')) && (!query.get('result') || l.result === query.get('result')) && inRange(l.at)), query);
    if (path === '/api/v1/audit-log' && method === 'GET')
      return guard('audit.view') ?? page(audit.filter((a) => (!query.get('actor_id') || a.actor_id === Number(query.get('actor_id'))) && (!query.get('action') || a.action.startsWith(query.get('action'))) && inRange(a.at)), query);
    if (path === '/api/v1/settings') {
      const schema = { ...Object.fromEntries(Object.entries(SCHEMA).map(([k, [, min, max]]) => [k, { type: 'int', min, max }])), default_export_format: { type: 'enum', enum: ['csv', 'xlsx'] }, export_roles: { type: 'roles' }, time_zone: { type: 'time_zone' } };
      if (method === 'GET') return guard('settings.view') ?? ok({ values, defaults, schema });
      if (method === 'PUT') {
        const g = guard('settings.manage'); if (g) return g;
        for (const [k, v] of Object.entries(b)) {
          if (!(k in schema)) return err(400, 'settings.unknown_key', `unknown setting ${k}`, k);
          const s = SCHEMA[k];
          if (s && (!Number.isInteger(v) || v < s[1] || v > s[2])) return err(400, 'settings.invalid_value', `${k} must be between ${s[1]} and ${s[2]}`, k);
        }
        const changes = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, { from: values[k], to: v }]));
        Object.assign(values, b);
        record(me, 'settings.updated', 'settings', '', changes);
        return ok({ values, defaults, schema });
      }
    }
    return err(404, 'not_found', 'not found');
  };
}
