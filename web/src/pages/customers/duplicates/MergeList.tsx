import { useQueryClient } from '@tanstack/react-query';
import { App, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { customerDataApi, customerDataKeys, type Merge } from '../../../api/customerData';
import { errorText } from '../../../auth/errors';
import { ConfirmButton, formatTime, ServerTable, useServerTable } from '../../../toolkit';
import { invalidateCustomers } from '../invalidate';

const NO_URL_FILTERS: readonly string[] = [];

/** What a merge moved, e.g. "沟通记录 3". */
function movedText(moved: Record<string, number>, t: (k: string, o?: Record<string, unknown>) => string): string {
  const parts = Object.entries(moved ?? {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${t(`duplicates.movedKinds.${k}`, { defaultValue: k })} ${n}`);
  return parts.length > 0 ? parts.join('、') : '—';
}

/** 合并记录: merges newest first with 撤销合并; a refused undo explains why in a dialog. */
export function MergeList() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const table = useServerTable<Merge>({
    queryKey: customerDataKeys.merges,
    fetcher: (query, signal) => customerDataApi.merges(query, signal),
    filterKeys: NO_URL_FILTERS,
  });

  const undo = async (m: Merge) => {
    try {
      await customerDataApi.undoMerge(m.id);
      message.success(t('duplicates.undone', { number: m.merged_number }));
      void queryClient.invalidateQueries({ queryKey: customerDataKeys.merges });
      void queryClient.invalidateQueries({ queryKey: customerDataKeys.duplicates });
      void invalidateCustomers(queryClient);
    } catch (e) {
      // 409s are decisions the user must understand (the survivor was edited since), not glitches.
      if (e instanceof ApiError && e.status === 409) {
        modal.error({ title: t('duplicates.undoRefused'), content: <span data-testid="undo-refused">{errorText(t, e)}</span> });
      } else {
        message.error(errorText(t, e));
      }
    }
  };

  const columns: TableColumnsType<Merge> = [
    { title: t('duplicates.mergedAt'), dataIndex: 'merged_at', width: 170, render: (v: number) => formatTime(v) },
    { title: t('duplicates.survivorNumber'), dataIndex: 'survivor_number', width: 190, render: (v: string, m) => <Link to={`/customers/${m.survivor_id}`}>{v}</Link> },
    { title: t('duplicates.mergedNumber'), dataIndex: 'merged_number', width: 190 },
    { title: t('duplicates.moved'), dataIndex: 'moved', render: (v: Record<string, number>) => movedText(v, t) },
    {
      title: t('duplicates.state'),
      dataIndex: 'undone_at',
      width: 200,
      render: (v: number | null) => (v ? <Tag>{t('duplicates.undoneAt', { at: formatTime(v) })}</Tag> : <Tag color="purple">{t('duplicates.mergedState')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_v, m) =>
        !m.undone_at && (
          <ConfirmButton size="small" title={t('duplicates.undoConfirm', { number: m.merged_number })} description={t('duplicates.undoHelp')} onConfirm={() => undo(m)} data-testid={`merge-undo-${m.id}`}>
            {t('duplicates.undo')}
          </ConfirmButton>
        ),
    },
  ];
  return <ServerTable<Merge> table={table} rowKey="id" columns={columns} size="middle" data-testid="merges-table" />;
}
