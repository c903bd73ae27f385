import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/SessionContext';
import { errorText } from '../auth/errors';
import { ChangePasswordModal } from './ChangePasswordModal';

/** Top-right: the user's display name (as text), change password, log out (confirmed). */
export function UserMenu() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const session = useSession();
  const [changing, setChanging] = useState(false);
  const user = session.user;
  if (!user) return null;

  const confirmLogout = () =>
    modal.confirm({
      title: t('logout.title'),
      content: t('logout.content'),
      okText: t('logout.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        // The session ends locally even if the request fails; RequireAuth then opens /login.
        await session.signOut().catch((e: unknown) => message.error(errorText(t, e)));
      },
    });

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: t('userMenu.changePassword') },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: t('userMenu.logout'), danger: true },
          ],
          onClick: ({ key }) => (key === 'logout' ? confirmLogout() : setChanging(true)),
        }}
      >
        <Button type="text" data-testid="user-menu" style={{ height: 40, maxWidth: 240 }}>
          <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1677ff' }} />
          <Typography.Text ellipsis style={{ maxWidth: 160 }} data-testid="user-display-name">
            {user.display_name || user.username}
          </Typography.Text>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <ChangePasswordModal open={changing} username={user.username} onClose={() => setChanging(false)} />
    </>
  );
}
