import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/SessionContext';
import { navTrail, visibleNavItems, type NavItem } from './navigation';

type MenuItem = Required<MenuProps>['items'][number];

export function SideMenu({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { can } = useSession();
  const visible = visibleNavItems(undefined, can);
  const paths = new Map<string, string>();

  const toMenu = (items: NavItem[]): MenuItem[] =>
    items.map((item) => {
      paths.set(item.key, item.path);
      return item.children
        ? { key: item.key, icon: item.icon, label: t(item.labelKey), children: toMenu(item.children) }
        : { key: item.key, icon: item.icon, label: t(item.labelKey) };
    });
  const items = toMenu(visible);
  const trail = navTrail(pathname, visible);
  const selected = trail.at(-1)?.key;
  const groups = trail.filter((i) => i.children).map((i) => i.key);

  return (
    <Menu
      theme="dark"
      mode="inline"
      aria-label={t('nav.label')}
      items={items}
      selectedKeys={selected ? [selected] : []}
      {...(collapsed ? {} : { defaultOpenKeys: groups.length ? groups : ['system'] })}
      onClick={({ key }) => {
        const path = paths.get(key);
        if (path) navigate(path);
      }}
    />
  );
}
