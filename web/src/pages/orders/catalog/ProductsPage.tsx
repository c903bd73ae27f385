import { AppstoreOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, catalogKeys, PRODUCT_STATUSES, type Product, type ProductCategory } from '../../../api/catalog';
import { useSession } from '../../../auth/SessionContext';
import { FilterBar, PageHeader, ServerTable, useServerTable } from '../../../toolkit';
import { formatFen } from '../money';
import { ProductCategoriesModal } from './ProductCategoriesModal';
import { ProductFormDrawer } from './ProductFormDrawer';
import { useProductCategories } from './useCatalogOptions';

const FILTERS = ['q', 'category_id', 'status'] as const;

function productColumns(t: TFunction, categories: readonly ProductCategory[], onEdit?: (p: Product) => void): TableColumnsType<Product> {
  const categoryName = (p: Product) => p.category_name ?? categories.find((c) => c.id === p.category_id)?.name ?? '—';
  return [
    { title: t('catalog.sku'), dataIndex: 'sku', width: 150, fixed: 'left', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
    { title: t('catalog.productName'), dataIndex: 'name', width: 200, ellipsis: true },
    { title: t('catalog.category'), key: 'category', width: 120, render: (_v, p) => categoryName(p) },
    { title: t('catalog.price'), dataIndex: 'price_fen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
    { title: t('catalog.cost'), dataIndex: 'cost_fen', width: 110, align: 'right', render: (v: number) => formatFen(v) },
    { title: t('stock.onHand'), dataIndex: 'on_hand', width: 80, align: 'right' },
    { title: t('stock.reserved'), dataIndex: 'reserved', width: 80, align: 'right' },
    { title: t('stock.available'), dataIndex: 'available', width: 80, align: 'right', render: (v: number) => <Typography.Text type={v <= 0 ? 'danger' : undefined}>{v}</Typography.Text> },
    { title: t('catalog.barcode'), dataIndex: 'barcode', width: 140, render: (v: string) => v || '—' },
    {
      title: t('orders.status'),
      dataIndex: 'status',
      width: 80,
      render: (v: Product['status']) => <Tag color={v === 'active' ? 'green' : 'default'}>{t(`catalog.statuses.${v}`)}</Tag>,
    },
    ...(onEdit
      ? [{ title: t('common.actions'), key: 'actions', width: 80, fixed: 'right' as const, render: (_v: unknown, p: Product) => <Button type="link" size="small" onClick={() => onEdit(p)} data-testid="product-edit">{t('common.edit')}</Button> }]
      : []),
  ];
}

/** 商品: SKUs with prices and stock totals; create/edit drawer and categories for products.manage. */
export function ProductsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const canManage = can('products.manage');
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [categoriesOpen, setCategoriesOpen] = useState(false);
  const categories = useProductCategories();
  const table = useServerTable<Product>({ queryKey: catalogKeys.productList, fetcher: (q, s) => catalogApi.products(q, s), filterKeys: FILTERS });
  const f = table.filters;
  return (
    <>
      <PageHeader
        title={t('nav.products')}
        subtitle={t('catalog.subtitle')}
        extra={
          canManage && (
            <>
              <Button icon={<AppstoreOutlined />} onClick={() => setCategoriesOpen(true)} data-testid="product-categories">
                {t('catalog.categories')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="product-create">
                {t('catalog.create')}
              </Button>
            </>
          )
        }
      />
      <FilterBar onReset={table.resetFilters}>
        <Input.Search
          key={`q-${f.q ?? ''}`}
          defaultValue={f.q}
          placeholder={t('catalog.searchPlaceholder')}
          allowClear
          onSearch={(v) => table.setFilters({ q: v.trim() })}
          style={{ width: 240 }}
          data-testid="product-filter-q"
        />
        <Select
          allowClear
          placeholder={t('catalog.category')}
          value={f.category_id ? Number(f.category_id) : undefined}
          onChange={(v?: number) => table.setFilters({ category_id: v })}
          options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          style={{ width: 150 }}
        />
        <Select
          allowClear
          placeholder={t('orders.status')}
          value={f.status}
          onChange={(v?: string) => table.setFilters({ status: v })}
          options={PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`catalog.statuses.${s}`) }))}
          style={{ width: 120 }}
        />
      </FilterBar>
      <ServerTable<Product>
        table={table}
        rowKey="id"
        columns={productColumns(t, categories.data ?? [], canManage ? setEditing : undefined)}
        scroll={{ x: 1300 }}
        data-testid="products-table"
      />
      <ProductFormDrawer open={editing !== null} product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />
      <ProductCategoriesModal open={categoriesOpen} onClose={() => setCategoriesOpen(false)} />
    </>
  );
}
