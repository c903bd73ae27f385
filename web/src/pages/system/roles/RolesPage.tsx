import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../../api/admin';
import type { Role } from '../../../api/types';
import { errorText } from '../../../auth/errors';
import { useSession } from '../../../auth/SessionContext';
import { ConfirmButton, ErrorState, PageHeader } from '../../../toolkit';
import { useRoles } from '../useRoles';
import { RoleFormDrawer } from './RoleFormDrawer';

export function RolesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const canManage = can('roles.manage');
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);

  const reload = () => queryClient.invalidateQueries({ queryKey: adminKeys.roles });
  const remove = async (role: Role) => {
    try {
      await adminApi.deleteRole(role.id);
      message.success(t('roles.deleted'));
      await reload();
    } catch (e) {
      // 409 role.in_use names how many users still hold the role.
      modal.error({ title: t('roles.deleteFailed'), content: errorText(t, e) });
    }
  };
  const readOnly = (r: Role | null | undefined) => !canManage || (!!r && r.builtin && r.name === 'admin');

  const columns: TableColumnsType<Role> = [
    {
      title: t('roles.label'),
      dataIndex: 'label',
      width: 180,
      render: (v: string, r) => (
        <Space>
          {v || r.name}
          {r.builtin && <Tag color="blue">{t('roles.builtin')}</Tag>}
        </Space>
      ),
    },
    { title: t('roles.name'), dataIndex: 'name', width: 160 },
    { title: t('roles.dataScope'), dataIndex: 'data_scope', width: 120, render: (v: string) => t(`roles.scopes.${v}`) },
    { title: t('roles.permissionCount'), key: 'perms', width: 110, render: (_v, r) => r.permissions.length },
    { title: t('roles.userCount'), dataIndex: 'user_count', width: 100 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_v, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(r)}>
            {readOnly(r) ? t('common.view') : t('common.edit')}
          </Button>
          {canManage && !r.builtin && (
            <ConfirmButton type="link" size="small" title={t('roles.deleteConfirm', { name: r.label || r.name })} onConfirm={() => remove(r)}>
              {t('common.delete')}
            </ConfirmButton>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.roles')}
        subtitle={t('roles.subtitle')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('roles.create')}
            </Button>
          )
        }
      />
      {roles.error ? (
        <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
      ) : (
        <Table<Role> rowKey="id" columns={columns} dataSource={roles.data ?? []} loading={roles.isFetching} pagination={false} data-testid="roles-table" />
      )}
      <RoleFormDrawer
        open={editing !== undefined}
        role={editing ?? null}
        readOnly={readOnly(editing)}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          void reload();
        }}
      />
    </>
  );
}
