import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, catalogKeys, type Product } from '../../api/catalog';

/**
 * Select of one product searched on the server (`/products?q=`: name, SKU or barcode prefix).
 * The value is the SKU (`valueKey="sku"`, order lines) or the id (`valueKey="id"`, stock).
 */
export function ProductPicker<K extends 'sku' | 'id'>({
  value,
  onChange,
  onPick,
  valueKey,
  testId,
  id,
}: {
  value?: Product[K];
  onChange?: (value: Product[K] | undefined) => void;
  /** The whole product once chosen (e.g. to fill in its price). */
  onPick?: (product: Product) => void;
  valueKey: K;
  testId?: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useQuery({
    queryKey: catalogKeys.productOptions(q),
    queryFn: ({ signal }) => catalogApi.products({ q: q || undefined, status: 'active', limit: 20 }, signal),
    staleTime: 30_000,
  });
  const products = search.data?.items ?? [];
  const options = products.map((p) => ({ value: p[valueKey], label: `${p.name}（${p.sku}）` }));
  if (value !== undefined && value !== null && !options.some((o) => o.value === value)) options.unshift({ value, label: String(value) });
  return (
    <Select<Product[K]>
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={(v) => {
        onChange?.(v);
        const p = products.find((x) => x[valueKey] === v);
        if (p) onPick?.(p);
      }}
      options={options}
      loading={search.isFetching}
      allowClear
      placeholder={t('catalog.productPlaceholder')}
      notFoundContent={search.isFetching ? t('interactions.searching') : t('common.empty')}
      data-testid={testId ?? 'product-picker'}
      style={{ width: '100%' }}
    />
  );
}
