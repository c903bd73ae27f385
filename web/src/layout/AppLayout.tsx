import { Layout, Space, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { AppBreadcrumb } from './AppBreadcrumb';
import { LanguageSwitch } from './LanguageSwitch';
import { SideMenu } from './SideMenu';
import { UserMenu } from './UserMenu';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="xl"
        width={208}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Link
          to="/dashboard"
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            height: 64,
            padding: collapsed ? 0 : '0 24px',
            justifyContent: collapsed ? 'center' : 'flex-start',
            color: '#fff',
          }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {!collapsed && <span style={{ fontSize: 18, fontWeight: 600 }}>{t('app.name')}</span>}
        </Link>
        <SideMenu collapsed={collapsed} />
      </Sider>
      <Layout>
        <Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            padding: '0 24px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Space size="small" align="baseline">
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('app.name')}
            </Typography.Text>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </Space>
          <Space size="middle">
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Header>
        <Content style={{ margin: 24, minWidth: 0 }}>
          <AppBreadcrumb />
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
