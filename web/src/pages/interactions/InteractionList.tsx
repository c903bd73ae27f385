import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { interactionKeys, interactionsApi, type Interaction } from '../../api/interactions';
import { errorText } from '../../auth/errors';
import { useSession } from '../../auth/SessionContext';
import { ConfirmButton, ServerTable, type ServerTableState } from '../../toolkit';
import { interactionColumns } from './interactionColumns';

/** A communication table with edit/delete actions (used by the list page and the 360 page). */
export function InteractionList({
  table,
  withCustomer = true,
  onEdit,
}: {
  table: ServerTableState<Interaction>;
  withCustomer?: boolean;
  onEdit: (i: Interaction) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canEdit = useSession().can('interactions.edit');

  const remove = async (i: Interaction) => {
    try {
      await interactionsApi.remove(i.id);
      message.success(t('interactions.deleted'));
      void queryClient.invalidateQueries({ queryKey: interactionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['customers', 'timeline', i.customer_id] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: TableColumnsType<Interaction> = [...interactionColumns(t, withCustomer)];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      fixed: 'right',
      render: (_v, i) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => onEdit(i)} data-testid="interaction-edit">
            {t('common.edit')}
          </Button>
          <ConfirmButton type="link" size="small" title={t('interactions.deleteConfirm')} onConfirm={() => remove(i)} data-testid="interaction-delete">
            {t('common.delete')}
          </ConfirmButton>
        </Space>
      ),
    });
  }
  return <ServerTable<Interaction> table={table} rowKey="id" columns={columns} scroll={{ x: 1200 }} size="middle" data-testid="interactions-table" />;
}
