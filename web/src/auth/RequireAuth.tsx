import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { loginPathFor } from './permissions';
import { useSession } from './SessionContext';

/** Renders its children only for a logged-in user; otherwise sends them to /login?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();

  if (session.status === 'loading') {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (session.status === 'error') {
    return (
      <Result
        status="500"
        title={t('session.errorTitle')}
        subTitle={`${session.error?.message ?? ''}${session.error?.requestId ? ` (${t('common.requestId')}: ${session.error.requestId})` : ''}`}
        extra={
          <Button type="primary" onClick={() => void session.refresh()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (session.status === 'anonymous') return <Navigate to={session.loggedOut ? '/login' : loginPathFor(location)} replace />;
  return <>{children}</>;
}
