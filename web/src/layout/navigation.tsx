import type { ReactNode } from 'react';
import {
  BarChartOutlined,
  CrownOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  HeartOutlined,
  NotificationOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
} from '@ant-design/icons';

/**
 * Sidebar modules, in the order of DESIGN.md ("The web console").
 * A module appears in the menu only once its pages exist: flip `enabled` to true in the issue
 * that adds them. Disabled entries are never rendered, so the menu has no dead links.
 */
export interface NavItem {
  key: string;
  /** Route path; for a group with children it is the common prefix. */
  path: string;
  /** i18n key of the label. */
  labelKey: string;
  icon?: ReactNode;
  enabled: boolean;
  /** Shown (and its route allowed) only for users holding this permission. */
  permission?: string;
  children?: NavItem[];
}

/** Pages of the Customers group (沟通记录 lives at /interactions but belongs here). */
export const CUSTOMER_ITEMS: readonly NavItem[] = [
  { key: 'customers.records', path: '/customers', labelKey: 'nav.customerRecords', enabled: true, permission: 'customers.view' },
  { key: 'customers.categories', path: '/customers/categories', labelKey: 'nav.customerCategories', enabled: true, permission: 'customers.view' },
  { key: 'customers.interactions', path: '/interactions', labelKey: 'nav.interactions', enabled: true, permission: 'interactions.view' },
  { key: 'customers.import', path: '/customers/import', labelKey: 'nav.customerImport', enabled: true, permission: 'customers.edit' },
  { key: 'customers.duplicates', path: '/customers/duplicates', labelKey: 'nav.customerDuplicates', enabled: true, permission: 'customers.edit' },
  { key: 'customers.recycleBin', path: '/customers/recycle-bin', labelKey: 'nav.customerRecycleBin', enabled: true, permission: 'customers.delete' },
];

/** Pages of the Orders group (售后, 商品 and 库存 live at their own top-level paths). */
export const ORDER_ITEMS: readonly NavItem[] = [
  { key: 'orders.list', path: '/orders', labelKey: 'nav.orderList', enabled: true, permission: 'orders.view' },
  { key: 'orders.audit', path: '/orders/audit', labelKey: 'nav.orderAudit', enabled: true, permission: 'orders.audit' },
  { key: 'orders.import', path: '/orders/import', labelKey: 'nav.orderImport', enabled: true, permission: 'orders.create' },
  { key: 'orders.afterSales', path: '/after-sales', labelKey: 'nav.afterSales', enabled: true, permission: 'orders.view' },
  { key: 'orders.products', path: '/products', labelKey: 'nav.products', enabled: true, permission: 'products.view' },
  { key: 'orders.stock', path: '/stock', labelKey: 'nav.stock', enabled: true, permission: 'products.view' },
  { key: 'orders.reports', path: '/orders/reports', labelKey: 'nav.orderReports', enabled: true, permission: 'orders.reports' },
];

/** Pages of the Analytics group (issue 7), all behind analytics.view. */
export const ANALYTICS_ITEMS: readonly NavItem[] = [
  { key: 'analytics.dashboard', path: '/analytics', labelKey: 'analytics.nav.dashboard', enabled: true, permission: 'analytics.view' },
  { key: 'analytics.consumption', path: '/analytics/consumption', labelKey: 'analytics.nav.consumption', enabled: true, permission: 'analytics.view' },
  { key: 'analytics.value', path: '/analytics/value', labelKey: 'analytics.nav.value', enabled: true, permission: 'analytics.view' },
  { key: 'analytics.churn', path: '/analytics/churn', labelKey: 'analytics.nav.churn', enabled: true, permission: 'analytics.view' },
];

/** Pages of the System group, each behind its view permission. */
export const SYSTEM_ITEMS: readonly NavItem[] = [
  { key: 'system.users', path: '/system/users', labelKey: 'nav.users', enabled: true, permission: 'users.view' },
  { key: 'system.roles', path: '/system/roles', labelKey: 'nav.roles', enabled: true, permission: 'roles.view' },
  { key: 'system.settings', path: '/system/settings', labelKey: 'nav.settings', enabled: true, permission: 'settings.view' },
  { key: 'system.loginLog', path: '/system/login-log', labelKey: 'nav.loginLog', enabled: true, permission: 'logs.view' },
  { key: 'system.auditLog', path: '/system/audit-log', labelKey: 'nav.auditLog', enabled: true, permission: 'audit.view' },
  { key: 'system.apiTokens', path: '/system/api-tokens', labelKey: 'nav.apiTokens', enabled: true, permission: 'tokens.manage' },
];

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', path: '/dashboard', labelKey: 'nav.dashboard', icon: <DashboardOutlined />, enabled: true },
  { key: 'customers', path: '/customers', labelKey: 'nav.customers', icon: <TeamOutlined />, enabled: true, permission: 'customers.view', children: [...CUSTOMER_ITEMS] },
  { key: 'orders', path: '/orders', labelKey: 'nav.orders', icon: <ShoppingCartOutlined />, enabled: true, children: [...ORDER_ITEMS] },
  { key: 'members', path: '/members', labelKey: 'nav.members', icon: <CrownOutlined />, enabled: false },
  { key: 'care', path: '/care', labelKey: 'nav.care', icon: <HeartOutlined />, enabled: false },
  { key: 'service', path: '/service', labelKey: 'nav.service', icon: <CustomerServiceOutlined />, enabled: false },
  { key: 'marketing', path: '/marketing', labelKey: 'nav.marketing', icon: <NotificationOutlined />, enabled: false },
  { key: 'analytics', path: '/analytics', labelKey: 'nav.analytics', icon: <BarChartOutlined />, enabled: true, permission: 'analytics.view', children: [...ANALYTICS_ITEMS] },
  { key: 'system', path: '/system', labelKey: 'nav.system', icon: <SettingOutlined />, enabled: true, children: [...SYSTEM_ITEMS] },
];

/**
 * Enabled entries the user may see (recursively); a group whose children are all hidden is
 * dropped. `can` defaults to "no permissions".
 */
export function visibleNavItems(
  items: readonly NavItem[] = NAV_ITEMS,
  can: (permission: string) => boolean = () => false,
): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    if (!item.enabled) continue;
    if (item.permission && !can(item.permission)) continue;
    if (item.children) {
      const children = visibleNavItems(item.children, can);
      if (children.length === 0) continue;
      out.push({ ...item, children });
    } else {
      out.push(item);
    }
  }
  return out;
}

/** Key of the deepest visible entry whose path prefixes `pathname`. */
export function selectedNavKey(pathname: string, items: readonly NavItem[] = visibleNavItems()): string | undefined {
  return navTrail(pathname, items).at(-1)?.key;
}

/** The chain of entries (group, then page) whose paths prefix `pathname`; for the breadcrumb. */
export function navTrail(pathname: string, items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  let bestTrail: NavItem[] = [];
  let bestLen = -1;
  const walk = (list: readonly NavItem[], trail: NavItem[]) => {
    for (const item of list) {
      const hit = pathname === item.path || pathname.startsWith(item.path + '/');
      const here = [...trail, item];
      // `>=`: a page sharing its group's path (客户档案 = /customers) wins over the group.
      if (hit && item.path.length >= bestLen) {
        bestLen = item.path.length;
        bestTrail = here;
      }
      // Children are searched even when the group's prefix does not match: a page may live
      // outside it (沟通记录 = /interactions under 客户).
      if (item.children) walk(item.children, here);
    }
  };
  walk(items, []);
  return bestTrail;
}
