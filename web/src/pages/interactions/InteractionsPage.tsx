import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { interactionKeys, interactionsApi, type Interaction } from '../../api/interactions';
import { useSession } from '../../auth/SessionContext';
import { DateRangeFilter, FilterBar, PageHeader, useServerTable } from '../../toolkit';
import { UserPicker } from '../system/logs/UserPicker';
import { InteractionFormDrawer } from './InteractionFormDrawer';
import { InteractionList } from './InteractionList';
import { useChannels } from './useChannels';

const FILTERS = ['q', 'channel_id', 'subject', 'from', 'to', 'staff_id'] as const;

/** 沟通记录: every communication in the caller's data scope, filterable, with the log drawer. */
export function InteractionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can, user } = useSession();
  const [editing, setEditing] = useState<Interaction | 'new' | null>(null);
  const channels = useChannels();
  const table = useServerTable<Interaction>({
    queryKey: interactionKeys.list,
    fetcher: (query, signal) => interactionsApi.list(query, signal),
    filterKeys: FILTERS,
  });
  const f = table.filters;
  const search = (key: string, placeholder: string, width: number) => (
    <Input.Search
      key={`${key}-${f[key] ?? ''}`}
      defaultValue={f[key]}
      placeholder={placeholder}
      allowClear
      onSearch={(v) => table.setFilters({ [key]: v.trim() })}
      style={{ width }}
      data-testid={`interaction-filter-${key}`}
    />
  );

  return (
    <>
      <PageHeader
        title={t('nav.interactions')}
        subtitle={t('interactions.subtitle')}
        extra={
          <>
            {can('interactions.manage') && (
              <Button icon={<SettingOutlined />} onClick={() => navigate('/interactions/channels')} data-testid="channels-open">
                {t('nav.interactionChannels')}
              </Button>
            )}
            {can('interactions.edit') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="interaction-create">
                {t('interactions.create')}
              </Button>
            )}
          </>
        }
      />
      <FilterBar onReset={table.resetFilters}>
        {search('q', t('interactions.customerNameFilter'), 200)}
        {search('subject', t('interactions.subject'), 180)}
        <Select
          allowClear
          placeholder={t('interactions.channel')}
          value={f.channel_id ? Number(f.channel_id) : undefined}
          onChange={(v?: number) => table.setFilters({ channel_id: v })}
          options={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          style={{ width: 130 }}
          data-testid="interaction-filter-channel"
        />
        <DateRangeFilter from={f.from} to={f.to} onChange={(r) => table.setFilters({ from: r.from, to: r.to })} />
        {can('users.view') ? (
          <UserPicker value={f.staff_id} onChange={(id) => table.setFilters({ staff_id: id })} placeholder={t('interactions.staff')} />
        ) : (
          <Checkbox checked={!!user && f.staff_id === String(user.id)} onChange={(e) => table.setFilters({ staff_id: e.target.checked ? user?.id : null })}>
            {t('interactions.mineOnly')}
          </Checkbox>
        )}
      </FilterBar>
      <InteractionList table={table} onEdit={setEditing} />
      <InteractionFormDrawer
        open={editing !== null}
        interaction={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => setEditing(null)}
      />
    </>
  );
}
