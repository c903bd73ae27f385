import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../../api/admin';
import type { User } from '../../../api/types';
import { errorText } from '../../../auth/errors';
import { useSession } from '../../../auth/SessionContext';
import { ConfirmButton, FilterBar, formatTime, PageHeader, ServerTable, useServerTable } from '../../../toolkit';
import { useRoles } from '../useRoles';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserFormModal } from './UserFormModal';

const FILTERS = ['q', 'status', 'role_id'] as const;

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const queryClient = useQueryClient();
  const roles = useRoles().data ?? [];
  const canManage = session.can('users.manage');
  const [editing, setEditing] = useState<User | null | undefined>(undefined); // null = create
  const [resetting, setResetting] = useState<User | null>(null);
  const table = useServerTable<User>({
    queryKey: adminKeys.users,
    fetcher: (query, signal) => adminApi.listUsers(query, signal),
    filterKeys: FILTERS,
  });

  const reload = () => queryClient.invalidateQueries({ queryKey: adminKeys.users });

  const setStatus = async (user: User, status: User['status']) => {
    try {
      await adminApi.updateUser(user.id, { status });
      message.success(status === 'active' ? t('users.enabled') : t('users.disabled'));
      await reload();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: 140, ellipsis: true },
    { title: t('users.displayName'), dataIndex: 'display_name', width: 160, ellipsis: true },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      width: 200,
      render: (_v, u) => u.roles.map((r) => <Tag key={r.id}>{r.label || r.name}</Tag>),
    },
    { title: t('users.department'), dataIndex: 'department', width: 120, ellipsis: true, render: (v: string | null) => v || '—' },
    { title: t('users.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v || '—' },
    {
      title: t('users.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: User['status']) => <Tag color={v === 'active' ? 'success' : 'default'}>{t(`users.statuses.${v}`)}</Tag>,
    },
    { title: t('users.lastLogin'), dataIndex: 'last_login_at', width: 170, render: (v: number | null) => formatTime(v) },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      fixed: 'right',
      render: (_v, u) => {
        const self = u.id === session.user?.id;
        return (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing(u)}>
              {t('common.edit')}
            </Button>
            <Button type="link" size="small" onClick={() => setResetting(u)}>
              {t('users.resetPassword')}
            </Button>
            {!self &&
              (u.status === 'active' ? (
                <ConfirmButton type="link" size="small" title={t('users.disableConfirm', { name: u.display_name })} onConfirm={() => setStatus(u, 'disabled')}>
                  {t('users.disable')}
                </ConfirmButton>
              ) : (
                <ConfirmButton type="link" size="small" danger={false} title={t('users.enableConfirm', { name: u.display_name })} onConfirm={() => setStatus(u, 'active')}>
                  {t('users.enable')}
                </ConfirmButton>
              ))}
          </Space>
        );
      },
    });
  }

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        subtitle={t('users.subtitle')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="user-create">
              {t('users.create')}
            </Button>
          )
        }
      />
      <FilterBar onReset={table.resetFilters}>
        <Input.Search
          key={table.filters.q ?? ''}
          defaultValue={table.filters.q}
          placeholder={t('users.searchPlaceholder')}
          allowClear
          onSearch={(q) => table.setFilters({ q: q.trim() })}
          style={{ width: 280 }}
          data-testid="user-search"
        />
        <Select
          allowClear
          placeholder={t('users.status')}
          value={table.filters.status}
          onChange={(v?: string) => table.setFilters({ status: v })}
          options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`users.statuses.${s}`) }))}
          style={{ width: 140 }}
        />
        <Select
          allowClear
          placeholder={t('users.role')}
          value={table.filters.role_id ? Number(table.filters.role_id) : undefined}
          onChange={(v?: number) => table.setFilters({ role_id: v })}
          options={roles.map((r) => ({ value: r.id, label: r.label || r.name }))}
          style={{ width: 160 }}
        />
      </FilterBar>
      <ServerTable<User> table={table} rowKey="id" columns={columns} scroll={{ x: 1250 }} data-testid="users-table" />
      <UserFormModal
        open={editing !== undefined}
        user={editing ?? null}
        roles={roles}
        isSelf={!!editing && editing.id === session.user?.id}
        onClose={() => setEditing(undefined)}
        onSaved={(u) => {
          setEditing(undefined);
          void reload();
          if (u.id === session.user?.id) void session.refresh();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
