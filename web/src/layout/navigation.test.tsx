import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, selectedNavKey, visibleNavItems, type NavItem } from './navigation';

describe('navigation config', () => {
  it('lists the modules in the DESIGN.md order', () => {
    expect(NAV_ITEMS.map((i) => i.key)).toEqual([
      'dashboard', 'customers', 'orders', 'members', 'care', 'service', 'marketing', 'analytics', 'system',
    ]);
  });

  it('shows only enabled entries (only the dashboard for now)', () => {
    expect(visibleNavItems().map((i) => i.key)).toEqual(['dashboard']);
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
