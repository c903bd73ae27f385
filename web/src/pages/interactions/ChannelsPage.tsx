import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Switch, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { interactionKeys, interactionsApi, type Channel } from '../../api/interactions';
import { errorText } from '../../auth/errors';
import { ErrorState, PageHeader } from '../../toolkit';
import { ChannelFormModal } from './ChannelFormModal';
import { useChannels } from './useChannels';

/** 沟通渠道: add, rename, enable/disable the channels a communication can be logged with. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);

  const toggle = async (c: Channel, enabled: boolean) => {
    setToggling(c.id);
    try {
      await interactionsApi.updateChannel(c.id, { enabled });
      message.success(enabled ? t('channels.enabledDone', { name: c.name }) : t('channels.disabledDone', { name: c.name }));
      await queryClient.invalidateQueries({ queryKey: interactionKeys.channels });
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setToggling(null);
    }
  };

  if (channels.error) return <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />;
  const columns: TableColumnsType<Channel> = [
    { title: t('channels.name'), dataIndex: 'name' },
    { title: t('channels.kind'), dataIndex: 'kind', render: (k: string) => t(`channels.kinds.${k}`, { defaultValue: k }) },
    {
      title: t('channels.enabled'),
      dataIndex: 'enabled',
      width: 120,
      render: (v: boolean, c) => (
        <Switch checked={v} loading={toggling === c.id} onChange={(on) => void toggle(c, on)} aria-label={c.name} data-testid={`channel-toggle-${c.id}`} />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_v, c) => (
        <Button type="link" size="small" onClick={() => setEditing(c)}>
          {t('channels.rename')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.interactionChannels')}
        subtitle={t('channels.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="channel-create">
            {t('channels.create')}
          </Button>
        }
      />
      <Card>
        <Table<Channel> rowKey="id" size="middle" loading={channels.isFetching} dataSource={channels.data ?? []} columns={columns} pagination={false} data-testid="channels-table" />
      </Card>
      <ChannelFormModal open={editing !== null} channel={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
