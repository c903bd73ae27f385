import { DownloadOutlined, FolderAddOutlined, PlusOutlined, TagsOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { customerKeys, customersApi, type Customer } from '../../api/customers';
import { useSession } from '../../auth/SessionContext';
import { PageHeader, ServerTable, useServerTable } from '../../toolkit';
import { AddToCategoryModal } from './AddToCategoryModal';
import { BulkTagsModal } from './BulkTagsModal';
import { customerColumns, openUnlessControl } from './customerColumns';
import { CUSTOMER_FILTERS, CustomerFilters } from './CustomerFilters';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { ExportModal } from './export/ExportModal';
import { invalidateCustomers } from './invalidate';

/** 客户档案: searchable, filterable customer list with bulk actions. */
export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { can } = useSession();
  const canEdit = can('customers.edit');
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [bulk, setBulk] = useState<'tags' | 'category' | null>(null);
  const table = useServerTable<Customer>({
    queryKey: customerKeys.list,
    fetcher: (query, signal) => customersApi.list(query, signal),
    filterKeys: CUSTOMER_FILTERS,
  });

  const done = () => {
    setBulk(null);
    setSelected([]);
    void invalidateCustomers(queryClient);
  };

  return (
    <>
      <PageHeader
        title={t('nav.customerRecords')}
        subtitle={t('customers.subtitle')}
        extra={
          <>
            {can('customers.export') && (
              <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="customer-export">
                {t('exports.button')}
              </Button>
            )}
            {canEdit && (
              <Button icon={<UploadOutlined />} onClick={() => navigate('/customers/import')} data-testid="customer-import">
                {t('imports.button')}
              </Button>
            )}
            {canEdit && (
              <>
                <Button icon={<TagsOutlined />} disabled={selected.length === 0} onClick={() => setBulk('tags')} data-testid="customer-bulk-tags">
                  {t('customers.bulkTags')}
                </Button>
                <Button icon={<FolderAddOutlined />} disabled={selected.length === 0} onClick={() => setBulk('category')} data-testid="customer-add-category">
                  {t('customers.addToCategory')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-create">
                  {t('customers.create')}
                </Button>
              </>
            )}
          </>
        }
      />
      <CustomerFilters table={table} />
      {selected.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('customers.selectedCount', { count: selected.length })}
        </Typography.Text>
      )}
      <ServerTable<Customer>
        table={table}
        rowKey="id"
        columns={customerColumns(t)}
        scroll={{ x: 1500 }}
        data-testid="customers-table"
        rowSelection={canEdit ? { selectedRowKeys: selected, preserveSelectedRowKeys: true, onChange: (keys) => setSelected(keys.map(Number)) } : undefined}
        onRow={(c) => ({ onClick: (e) => openUnlessControl(e, () => navigate(`/customers/${c.id}`)), style: { cursor: 'pointer' } })}
      />
      <CustomerFormDrawer
        open={creating}
        customer={null}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          navigate(`/customers/${c.id}`);
        }}
      />
      <ExportModal open={exporting} filters={table.filters} onClose={() => setExporting(false)} />
      <BulkTagsModal ids={selected} open={bulk === 'tags'} onClose={() => setBulk(null)} onDone={done} />
      <AddToCategoryModal ids={selected} open={bulk === 'category'} onClose={() => setBulk(null)} onDone={done} />
    </>
  );
}
