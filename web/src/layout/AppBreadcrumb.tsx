import { HomeOutlined } from '@ant-design/icons';
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { navTrail } from './navigation';

export function AppBreadcrumb() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const trail = navTrail(pathname);
  const items = [
    { key: 'home', title: <Link to="/dashboard" aria-label={t('nav.dashboard')}><HomeOutlined /></Link> },
    ...trail
      .filter((i) => i.key !== 'dashboard')
      .map((i) => ({ key: i.key, title: t(i.labelKey) })),
  ];
  return <Breadcrumb items={items} style={{ marginBottom: 16 }} data-testid="breadcrumb" />;
}
