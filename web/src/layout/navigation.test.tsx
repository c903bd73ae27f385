import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, navTrail, selectedNavKey, visibleNavItems, type NavItem } from './navigation';

describe('navigation config', () => {
  it('lists the modules in the DESIGN.md order', () => {
    expect(NAV_ITEMS.map((i) => i.key)).toEqual([
      'dashboard', 'customers', 'orders', 'members', 'care', 'service', 'marketing', 'analytics', 'system',
    ]);
  });

  it('shows only enabled entries the user may see', () => {
    expect(visibleNavItems().map((i) => i.key)).toEqual(['dashboard']);
    const all = visibleNavItems(NAV_ITEMS, () => true);
    expect(all.map((i) => i.key)).toEqual(['dashboard', 'customers', 'orders', 'analytics', 'system']);
    expect(all[1]?.children?.map((i) => i.key)).toEqual([
      'customers.records', 'customers.categories', 'customers.interactions', 'customers.import', 'customers.duplicates', 'customers.recycleBin',
    ]);
    expect(all[2]?.children?.map((i) => i.key)).toEqual([
      'orders.list', 'orders.audit', 'orders.import', 'orders.afterSales', 'orders.products', 'orders.stock', 'orders.reports',
    ]);
    expect(all[3]?.children?.map((i) => i.key)).toEqual([
      'analytics.dashboard', 'analytics.consumption', 'analytics.value', 'analytics.churn',
    ]);
    expect(navTrail('/analytics/value').map((i) => i.key)).toEqual(['analytics', 'analytics.value']);
    expect(navTrail('/analytics').map((i) => i.key)).toEqual(['analytics', 'analytics.dashboard']);
    expect(all[4]?.children?.map((i) => i.key)).toEqual([
      'system.users', 'system.roles', 'system.settings', 'system.loginLog', 'system.auditLog', 'system.apiTokens',
    ]);
  });

  it('filters system entries by permission', () => {
    const perms = new Set(['logs.view', 'audit.view']);
    const visible = visibleNavItems(NAV_ITEMS, (p) => perms.has(p));
    expect(visible[1]?.children?.map((i) => i.path)).toEqual(['/system/login-log', '/system/audit-log']);
    expect(selectedNavKey('/system/audit-log', visible)).toBe('system.auditLog');
    expect(navTrail('/system/audit-log').map((i) => i.key)).toEqual(['system', 'system.auditLog']);
  });

  it('shows Customers only with customers.view, and the recycle bin only with customers.delete', () => {
    expect(visibleNavItems(NAV_ITEMS, (p) => p === 'customers.delete').map((i) => i.key)).toEqual(['dashboard']);
    const viewer = visibleNavItems(NAV_ITEMS, (p) => p === 'customers.view');
    expect(viewer.map((i) => i.key)).toEqual(['dashboard', 'customers']);
    expect(viewer[1]?.children?.map((i) => i.path)).toEqual(['/customers', '/customers/categories']);
    const deleter = visibleNavItems(NAV_ITEMS, (p) => p === 'customers.view' || p === 'customers.delete');
    expect(deleter[1]?.children?.map((i) => i.path)).toEqual(['/customers', '/customers/categories', '/customers/recycle-bin']);
    expect(selectedNavKey('/customers', deleter)).toBe('customers.records');
    expect(selectedNavKey('/customers/12', deleter)).toBe('customers.records');
    expect(selectedNavKey('/customers/categories/3', deleter)).toBe('customers.categories');
    expect(selectedNavKey('/customers/recycle-bin', deleter)).toBe('customers.recycleBin');
    expect(navTrail('/customers/categories').map((i) => i.key)).toEqual(['customers', 'customers.categories']);
  });

  it('puts 沟通记录 (/interactions) under Customers and the import/duplicate pages behind customers.edit', () => {
    const perms = new Set(['customers.view', 'customers.edit', 'interactions.view']);
    const visible = visibleNavItems(NAV_ITEMS, (p) => perms.has(p));
    expect(visible[1]?.children?.map((i) => i.path)).toEqual(['/customers', '/customers/categories', '/interactions', '/customers/import', '/customers/duplicates']);
    expect(navTrail('/interactions', visible).map((i) => i.key)).toEqual(['customers', 'customers.interactions']);
    expect(navTrail('/interactions/channels').map((i) => i.key)).toEqual(['customers', 'customers.interactions']);
    expect(selectedNavKey('/customers/import', visible)).toBe('customers.import');
    expect(selectedNavKey('/customers/duplicates', visible)).toBe('customers.duplicates');
    const viewer = visibleNavItems(NAV_ITEMS, (p) => p === 'customers.view');
    expect(viewer[1]?.children?.map((i) => i.path)).toEqual(['/customers', '/customers/categories']);
  });

  it('shows the Orders group by permission and selects its pages', () => {
    const perms = new Set(['orders.view', 'products.view']);
    const visible = visibleNavItems(NAV_ITEMS, (p) => perms.has(p));
    expect(visible.map((i) => i.key)).toEqual(['dashboard', 'orders']);
    expect(visible[1]?.children?.map((i) => i.path)).toEqual(['/orders', '/after-sales', '/products', '/stock']);
    expect(selectedNavKey('/orders/42', visible)).toBe('orders.list');
    expect(selectedNavKey('/after-sales/7', visible)).toBe('orders.afterSales');
    expect(navTrail('/orders/audit').map((i) => i.key)).toEqual(['orders', 'orders.audit']);
    expect(navTrail('/orders/reports').map((i) => i.key)).toEqual(['orders', 'orders.reports']);
    expect(navTrail('/orders/import').map((i) => i.key)).toEqual(['orders', 'orders.import']);
    expect(visibleNavItems(NAV_ITEMS, (p) => p === 'products.view')[1]?.children?.map((i) => i.key)).toEqual(['orders.products', 'orders.stock']);
  });

  it('hides disabled children and empty groups', () => {
    const items: NavItem[] = [
      { key: 'a', path: '/a', labelKey: 'x', enabled: true, children: [
        { key: 'a1', path: '/a/1', labelKey: 'x', enabled: true },
        { key: 'a2', path: '/a/2', labelKey: 'x', enabled: false },
      ] },
      { key: 'b', path: '/b', labelKey: 'x', enabled: true, children: [{ key: 'b1', path: '/b/1', labelKey: 'x', enabled: false }] },
      { key: 'c', path: '/c', labelKey: 'x', enabled: false },
    ];
    const visible = visibleNavItems(items);
    expect(visible.map((i) => i.key)).toEqual(['a']);
    expect(visible[0]?.children?.map((i) => i.key)).toEqual(['a1']);
    expect(selectedNavKey('/a/1/edit', visible)).toBe('a1');
    expect(selectedNavKey('/c', visible)).toBeUndefined();
  });
});
