import { useQuery } from '@tanstack/react-query';
import { Descriptions, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { customerDataApi, customerDataKeys, type ConsentChange } from '../../../api/customerData';
import { CONSENT_CHANNELS } from '../../../api/customers';
import { ErrorState, formatTime } from '../../../toolkit';

/**
 * 营销授权 panel: the current flags and every change with who, how and why. Changing a flag is
 * done in the edit drawer (its PATCH carries the optional `consent_note`).
 */
export function CustomerConsents({ id }: { id: number }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: customerDataKeys.consents(id),
    queryFn: ({ signal }) => customerDataApi.consents(id, signal),
  });
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const columns: TableColumnsType<ConsentChange & { key: string }> = [
    { title: t('consents.at'), dataIndex: 'at', width: 170, render: (v: number) => formatTime(v) },
    { title: t('consents.channel'), dataIndex: 'channel', width: 110, render: (v: string) => t(`customers.consentChannels.${v}`, { defaultValue: v }) },
    {
      title: t('consents.change'),
      dataIndex: 'granted',
      width: 100,
      render: (v: boolean) => <Tag color={v ? 'success' : 'default'}>{v ? t('consents.granted') : t('consents.withdrawn')}</Tag>,
    },
    { title: t('consents.source'), dataIndex: 'source', width: 110, render: (v: string) => t(`consents.sources.${v}`, { defaultValue: v }) },
    { title: t('consents.actor'), dataIndex: 'actor_name', width: 120, render: (v: string) => v || '—' },
    { title: t('consents.note'), dataIndex: 'note', render: (v: string) => v || '—' },
  ];
  const current = query.data?.current;
  return (
    <div data-testid="customer-consents">
      <Descriptions size="small" bordered column={3} style={{ marginBottom: 16 }}>
        {CONSENT_CHANNELS.map((ch) => (
          <Descriptions.Item key={ch} label={t(`customers.consentChannels.${ch}`)}>
            {current ? (
              <Tag color={current[ch] ? 'success' : 'default'}>{current[ch] ? t('consents.granted') : t('consents.notGranted')}</Tag>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('consents.editHelp')}</Typography.Paragraph>
      <Table
        size="small"
        loading={query.isFetching}
        dataSource={(query.data?.history ?? []).map((h, i) => ({ ...h, key: `${h.at}-${h.channel}-${i}` }))}
        columns={columns}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
      />
    </div>
  );
}
