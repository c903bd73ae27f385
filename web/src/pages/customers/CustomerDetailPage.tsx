import { ArrowLeftOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Result, Skeleton, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { customerKeys, customersApi } from '../../api/customers';
import { errorText } from '../../auth/errors';
import { useSession } from '../../auth/SessionContext';
import { ConfirmButton, ErrorState, PageHeader } from '../../toolkit';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { CustomerHistory } from './CustomerHistory';
import { CustomerProfile } from './CustomerProfile';
import { CustomerTagsPanel } from './CustomerTagsPanel';
import { CustomerConsents } from './detail/CustomerConsents';
import { CustomerInteractions } from './detail/CustomerInteractions';
import { CustomerTimeline } from './detail/CustomerTimeline';
import { CustomerOrdersTab } from '../orders/CustomerOrdersTab';
import { PrivacyMenu } from './detail/PrivacyMenu';
import { orDash, STAGE_COLORS } from './display';
import { invalidateCustomers } from './invalidate';

/** Customer 360: profile, timeline, communications, consents, change history, categories and tags. */
export function CustomerDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [reveal, setReveal] = useState(false);
  const [editing, setEditing] = useState(false);
  const query = useQuery({
    queryKey: customerKeys.detail(id, reveal),
    queryFn: ({ signal }) => customersApi.get(id, reveal, signal),
    enabled: valid,
    staleTime: reveal ? Infinity : 0,
    placeholderData: keepPreviousData,
  });

  const notFound = !valid || (query.error instanceof ApiError && query.error.status === 404);
  if (notFound) {
    return (
      <Result
        status="404"
        title={t('customers.notFound')}
        subTitle={t('customers.notFoundHelp')}
        data-testid="customer-not-found"
        extra={<Button type="primary" onClick={() => navigate('/customers')}>{t('customers.backToList')}</Button>}
      />
    );
  }
  if (query.error && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  if (!c) return <Card><Skeleton active /></Card>;

  const remove = async () => {
    try {
      await customersApi.remove(c.id);
      message.success(t('customers.deleted'));
      void invalidateCustomers(queryClient);
      navigate('/customers');
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/customers')} aria-label={t('customers.backToList')} />
            <span data-testid="customer-title">{c.name}</span>
            <Tag color={STAGE_COLORS[c.stage]}>{t(`customers.stages.${c.stage}`)}</Tag>
            {c.anonymised_at ? <Tag data-testid="customer-anonymised">{t('privacy.anonymisedTag')}</Tag> : null}
          </Space>
        }
        subtitle={`${c.number} · ${t('customers.ownerIs', { name: orDash(c.owner_name) })}`}
        extra={
          <>
            {can('customers.view_pii') && c.masked && (
              <Button icon={<EyeOutlined />} onClick={() => setReveal(true)} loading={reveal && query.isFetching} data-testid="customer-reveal">
                {t('customers.reveal')}
              </Button>
            )}
            {can('customers.edit') && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
                {t('common.edit')}
              </Button>
            )}
            {can('customers.delete') && (
              <ConfirmButton title={t('customers.deleteConfirm', { name: c.name })} description={t('customers.deleteHelp')} onConfirm={remove} data-testid="customer-delete">
                {t('common.delete')}
              </ConfirmButton>
            )}
            <PrivacyMenu
              customer={c}
              onAnonymised={() => {
                setReveal(false);
                void invalidateCustomers(queryClient);
              }}
            />
          </>
        }
      />
      {!c.masked && reveal && <Alert type="warning" showIcon title={t('customers.revealAudited')} style={{ marginBottom: 16 }} data-testid="customer-revealed" />}
      <Card>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'profile', label: t('customers.tabProfile'), children: <CustomerProfile customer={c} /> },
            { key: 'timeline', label: t('customers.tabTimeline'), children: <CustomerTimeline id={c.id} /> },
            ...(can('interactions.view')
              ? [{ key: 'interactions', label: t('customers.tabInteractions'), children: <CustomerInteractions customer={c} /> }]
              : []),
            ...(can('orders.view') ? [{ key: 'orders', label: t('nav.orders'), children: <CustomerOrdersTab customerId={c.id} /> }] : []),
            { key: 'consents', label: t('customers.tabConsents'), children: <CustomerConsents id={c.id} /> },
            { key: 'history', label: t('customers.tabHistory'), children: <CustomerHistory id={c.id} /> },
            { key: 'tags', label: t('customers.tabTags'), children: <CustomerTagsPanel customer={c} editable={can('customers.edit')} onSaved={() => setReveal(false)} /> },
          ]}
        />
      </Card>
      <CustomerFormDrawer
        open={editing}
        customer={c}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          setReveal(false);
        }}
        onReload={() => query.refetch()}
      />
    </>
  );
}
