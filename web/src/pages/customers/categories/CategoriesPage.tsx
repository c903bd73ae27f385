import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Select, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CATEGORY_SORTS, customerKeys, customersApi, type Category } from '../../../api/customers';
import { errorText } from '../../../auth/errors';
import { useSession } from '../../../auth/SessionContext';
import { ConfirmButton, FilterBar, formatTime, PageHeader, ServerTable, useServerTable } from '../../../toolkit';
import { openUnlessControl } from '../customerColumns';
import { CategoryFormModal } from './CategoryFormModal';

const FILTERS = ['q'] as const;

/** 客户分类: categories with their customer counts. */
export function CategoriesPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canEdit = useSession().can('customers.edit');
  const [editing, setEditing] = useState<Category | null | undefined>(undefined); // null = create
  const table = useServerTable<Category>({
    queryKey: customerKeys.categoryList,
    fetcher: (query, signal) => customersApi.listCategories(query, signal),
    filterKeys: FILTERS,
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: customerKeys.categories });

  const remove = async (c: Category) => {
    try {
      await customersApi.deleteCategory(c.id);
      message.success(t('categories.deleted'));
      await reload();
    } catch (e) {
      modal.error({ title: t('categories.deleteFailed'), content: errorText(t, e) });
    }
  };

  const columns: TableColumnsType<Category> = [
    { title: t('categories.name'), dataIndex: 'name', width: 200, ellipsis: true, render: (v: string, c) => <Link to={`/customers/categories/${c.id}`}>{v}</Link> },
    { title: t('categories.description'), dataIndex: 'description', ellipsis: true, render: (v: string) => v || '—' },
    { title: t('categories.customerCount'), dataIndex: 'customer_count', width: 120, align: 'right' },
    { title: t('categories.createdAt'), dataIndex: 'created_at', width: 190, render: (v: number) => formatTime(v) },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_v, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(c)}>
            {t('common.edit')}
          </Button>
          <ConfirmButton type="link" size="small" title={t('categories.deleteConfirm', { name: c.name })} onConfirm={() => remove(c)}>
            {t('common.delete')}
          </ConfirmButton>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('nav.customerCategories')}
        subtitle={t('categories.subtitle')}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="category-create">
              {t('categories.create')}
            </Button>
          )
        }
      />
      <FilterBar onReset={table.resetFilters}>
        <Input.Search
          key={table.filters.q ?? ''}
          defaultValue={table.filters.q}
          placeholder={t('categories.searchPlaceholder')}
          allowClear
          onSearch={(q) => table.setFilters({ q: q.trim() })}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder={t('customers.sort')}
          value={table.sort}
          onChange={(v?: string) => table.setSort(v)}
          options={CATEGORY_SORTS.map((s) => ({ value: s, label: t(`categories.sorts.${s}`) }))}
          style={{ width: 160 }}
          aria-label={t('customers.sort')}
        />
      </FilterBar>
      <ServerTable<Category>
        table={table}
        rowKey="id"
        columns={columns}
        data-testid="categories-table"
        onRow={(c) => ({ onClick: (e) => openUnlessControl(e, () => navigate(`/customers/categories/${c.id}`)), style: { cursor: 'pointer' } })}
      />
      <CategoryFormModal
        open={editing !== undefined}
        category={editing ?? null}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          void reload();
        }}
      />
    </>
  );
}
