import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../../api/admin';
import type { ApiToken } from '../../../api/types';
import { errorText } from '../../../auth/errors';
import { ConfirmButton, ErrorState, formatTime, PageHeader } from '../../../toolkit';
import { TokenCreateModal } from './TokenCreateModal';
import { TokenRevealModal } from './TokenRevealModal';

export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: adminKeys.tokens, queryFn: ({ signal }) => adminApi.listTokens(signal), select: (r) => r.items });
  const reload = () => queryClient.invalidateQueries({ queryKey: adminKeys.tokens });

  const revoke = async (token: ApiToken) => {
    try {
      await adminApi.revokeToken(token.id);
      message.success(t('tokens.revoked'));
      await reload();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name', width: 180, ellipsis: true },
    { title: t('tokens.prefix'), dataIndex: 'prefix', width: 140, render: (v: string) => <code>{v}…</code> },
    {
      title: t('tokens.permissions'),
      dataIndex: 'permissions',
      render: (v: string[]) => (
        <Tooltip title={v.join(', ')}>
          <span>{v.slice(0, 3).map((p) => <Tag key={p}>{p}</Tag>)}{v.length > 3 && `+${v.length - 3}`}</span>
        </Tooltip>
      ),
    },
    { title: t('tokens.createdAt'), dataIndex: 'created_at', width: 170, render: (v: number) => formatTime(v) },
    { title: t('tokens.lastUsed'), dataIndex: 'last_used_at', width: 170, render: (v: number | null) => formatTime(v) },
    {
      title: t('tokens.status'),
      dataIndex: 'revoked_at',
      width: 100,
      render: (v: number | null) => (v ? <Tag>{t('tokens.statusRevoked')}</Tag> : <Tag color="success">{t('tokens.statusActive')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_v, r) =>
        !r.revoked_at && (
          <ConfirmButton type="link" size="small" title={t('tokens.revokeConfirm', { name: r.name })} description={t('tokens.revokeHelp')} onConfirm={() => revoke(r)}>
            {t('tokens.revoke')}
          </ConfirmButton>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.apiTokens')}
        subtitle={t('tokens.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        }
      />
      {tokens.error ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiToken> rowKey="id" columns={columns} dataSource={tokens.data ?? []} loading={tokens.isFetching} pagination={false} scroll={{ x: 1000 }} />
      )}
      <TokenCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setRevealed(token);
          void reload();
        }}
      />
      <TokenRevealModal token={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}
