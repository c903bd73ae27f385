import { Card, DatePicker, Flex, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsFilters } from '../../api/analytics';
import { useSession } from '../../auth/SessionContext';
import { paramsToRange, rangeToParams } from '../../toolkit';
import { useProductCategories } from '../orders/catalog/useCatalogOptions';
import { joinList, splitList } from './useAnalyticsFilters';

/**
 * Date range, channel, product category and region filters (URL-bound by the caller). Channel
 * and region are free tags (the API matches exact values); categories are offered from the
 * catalog when the user may read it, and may be typed by name otherwise.
 */
export function AnalyticsFilterBar({
  filters,
  onChange,
  extra,
}: {
  filters: AnalyticsFilters;
  onChange: (patch: Record<string, string | undefined>) => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const categories = useProductCategories(can('products.view'));
  const tags = (key: 'channel' | 'category' | 'region', options?: { value: string; label: string }[]) => (
    <Select
      mode="tags"
      allowClear
      value={splitList(filters[key])}
      onChange={(v: string[]) => onChange({ [key]: joinList(v) })}
      options={options}
      tokenSeparators={[',', '，']}
      placeholder={t(`analytics.filters.${key}`)}
      style={{ minWidth: 160 }}
      maxTagCount="responsive"
      data-testid={`filter-${key}`}
    />
  );
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <Flex wrap gap={12} align="center">
          <DatePicker.RangePicker
            value={paramsToRange(filters.from, filters.to)}
            onChange={(r) => onChange(rangeToParams(r))}
            allowClear={false}
            data-testid="analytics-range"
          />
          {tags('channel')}
          {tags('category', (categories.data ?? []).map((c) => ({ value: String(c.id), label: c.name })))}
          {tags('region')}
        </Flex>
        {extra && <Flex gap={8}>{extra}</Flex>}
      </Flex>
    </Card>
  );
}
