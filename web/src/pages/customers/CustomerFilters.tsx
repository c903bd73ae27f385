import { Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_SORTS, STAGES, type Customer } from '../../api/customers';
import { DateRangeFilter, FilterBar, type ServerTableState } from '../../toolkit';
import { normalizePhone } from './customerValidation';
import { useCategoryOptions } from './useCategoryOptions';

export const CUSTOMER_FILTERS = ['q', 'phone', 'email', 'stage', 'category_id', 'tag', 'created_from', 'created_to'] as const;

/** Search box and filters of a customer list (all kept in the URL). */
export function CustomerFilters({ table, withCategory = true }: { table: ServerTableState<Customer>; withCategory?: boolean }) {
  const { t } = useTranslation();
  const categories = useCategoryOptions(withCategory);
  const f = table.filters;
  const search = (key: string, placeholder: string, width: number) => (
    <Input.Search
      key={`${key}-${f[key] ?? ''}`}
      defaultValue={f[key]}
      placeholder={placeholder}
      allowClear
      onSearch={(v) => table.setFilters({ [key]: key === 'phone' ? normalizePhone(v) : v.trim() })}
      style={{ width }}
      data-testid={`customer-filter-${key}`}
    />
  );
  return (
    <FilterBar onReset={table.resetFilters}>
      {search('q', t('customers.searchPlaceholder'), 260)}
      {search('phone', t('customers.phoneExact'), 170)}
      {search('email', t('customers.emailExact'), 200)}
      <Select
        allowClear
        placeholder={t('customers.stage')}
        value={f.stage}
        onChange={(v?: string) => table.setFilters({ stage: v })}
        options={STAGES.map((s) => ({ value: s, label: t(`customers.stages.${s}`) }))}
        style={{ width: 120 }}
      />
      {withCategory && (
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('customers.category')}
          value={f.category_id ? Number(f.category_id) : undefined}
          onChange={(v?: number) => table.setFilters({ category_id: v })}
          options={categories.data ?? []}
          loading={categories.isFetching}
          style={{ width: 160 }}
        />
      )}
      {search('tag', t('customers.tag'), 140)}
      <DateRangeFilter from={f.created_from} to={f.created_to} onChange={(r) => table.setFilters({ created_from: r.from, created_to: r.to })} />
      <Select
        value={table.sort ?? '-created_at'}
        onChange={(v: string) => table.setSort(v === '-created_at' ? undefined : v)}
        options={CUSTOMER_SORTS.map((s) => ({ value: s, label: t(`customers.sorts.${s}`) }))}
        style={{ width: 150 }}
        aria-label={t('customers.sort')}
      />
    </FilterBar>
  );
}
