import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersApi } from '../../api/customers';

export interface CustomerOption {
  id: number;
  name: string;
  number: string;
}

/**
 * Select of one customer, searched on the server (`/customers?q=`: name prefix, number prefix,
 * address). `initial` labels a value that is not in the current search results (edit, preset).
 */
export function CustomerPicker({
  value,
  onChange,
  initial,
  disabled,
  id,
}: {
  value?: number;
  onChange?: (value: number | undefined) => void;
  initial?: CustomerOption | null;
  disabled?: boolean;
  id?: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  // Wait for a pause in typing so each keystroke does not cost a query.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useQuery({
    queryKey: ['customers', 'picker', q],
    queryFn: ({ signal }) => customersApi.list({ q: q || undefined, limit: 20 }, signal),
    enabled: !disabled,
    staleTime: 30_000,
  });
  const options = (search.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.number}）` }));
  if (initial && !options.some((o) => o.value === initial.id)) options.unshift({ value: initial.id, label: `${initial.name}（${initial.number}）` });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={(v?: number) => onChange?.(v)}
      options={options}
      loading={search.isFetching}
      disabled={disabled}
      allowClear
      placeholder={t('interactions.customerPlaceholder')}
      notFoundContent={search.isFetching ? t('interactions.searching') : t('common.empty')}
      data-testid="interaction-customer"
    />
  );
}
