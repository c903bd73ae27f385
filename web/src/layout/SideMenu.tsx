import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { selectedNavKey, visibleNavItems, type NavItem } from './navigation';

type MenuItem = Required<MenuProps>['items'][number];

export function SideMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const visible = visibleNavItems();
  const paths = new Map<string, string>();

  const toMenu = (items: NavItem[]): MenuItem[] =>
    items.map((item) => {
      paths.set(item.key, item.path);
      return item.children
        ? { key: item.key, icon: item.icon, label: t(item.labelKey), children: toMenu(item.children) }
        : { key: item.key, icon: item.icon, label: t(item.labelKey) };
    });
  const items = toMenu(visible);
  const selected = selectedNavKey(pathname, visible);

  return (
    <Menu
      theme="dark"
      mode="inline"
      aria-label={t('nav.label')}
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => {
        const path = paths.get(key);
        if (path) navigate(path);
      }}
    />
  );
}
