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
  children?: NavItem[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', path: '/dashboard', labelKey: 'nav.dashboard', icon: <DashboardOutlined />, enabled: true },
  { key: 'customers', path: '/customers', labelKey: 'nav.customers', icon: <TeamOutlined />, enabled: false },
  { key: 'orders', path: '/orders', labelKey: 'nav.orders', icon: <ShoppingCartOutlined />, enabled: false },
  { key: 'members', path: '/members', labelKey: 'nav.members', icon: <CrownOutlined />, enabled: false },
  { key: 'care', path: '/care', labelKey: 'nav.care', icon: <HeartOutlined />, enabled: false },
  { key: 'service', path: '/service', labelKey: 'nav.service', icon: <CustomerServiceOutlined />, enabled: false },
  { key: 'marketing', path: '/marketing', labelKey: 'nav.marketing', icon: <NotificationOutlined />, enabled: false },
  { key: 'analytics', path: '/analytics', labelKey: 'nav.analytics', icon: <BarChartOutlined />, enabled: false },
  { key: 'system', path: '/system', labelKey: 'nav.system', icon: <SettingOutlined />, enabled: false },
];

/** Enabled entries only (recursively); a group whose children are all disabled is dropped. */
export function visibleNavItems(items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    if (!item.enabled) continue;
    if (item.children) {
      const children = visibleNavItems(item.children);
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
  let best: { key: string; len: number } | undefined;
  const walk = (list: readonly NavItem[]) => {
    for (const item of list) {
      const hit = pathname === item.path || pathname.startsWith(item.path + '/');
      if (hit && (!best || item.path.length > best.len)) best = { key: item.key, len: item.path.length };
      if (item.children) walk(item.children);
    }
  };
  walk(items);
  return best?.key;
}
