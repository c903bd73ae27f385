import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Flex, Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { customersApi, type Customer } from '../../api/customers';
import { errorText } from '../../auth/errors';
import { invalidateCustomers } from './invalidate';

/** 分类与标签 tab: the customer's categories (links) and tags edited in place (PUT /tags). */
export function CustomerTagsPanel({ customer, editable, onSaved }: { customer: Customer; editable: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [tags, setTags] = useState<string[]>(customer.tags);
  const [busy, setBusy] = useState(false);
  useEffect(() => setTags(customer.tags), [customer.tags]);
  const dirty = JSON.stringify(tags) !== JSON.stringify(customer.tags);

  const save = async () => {
    setBusy(true);
    try {
      await customersApi.setTags(customer.id, tags);
      message.success(t('customers.tagsSaved'));
      onSaved();
      await invalidateCustomers(queryClient);
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Descriptions bordered size="small" column={1}>
      <Descriptions.Item label={t('customers.categories')}>
        {customer.categories.length
          ? customer.categories.map((k) => (
              <Tag key={k.id} color="blue">
                <Link to={`/customers/categories/${k.id}`}>{k.name}</Link>
              </Tag>
            ))
          : t('customers.noCategories')}
      </Descriptions.Item>
      <Descriptions.Item label={t('customers.tags')}>
        {editable ? (
          <Flex gap={8} align="center">
            <Select mode="tags" open={false} tokenSeparators={[',', '，']} value={tags} onChange={setTags} style={{ minWidth: 320 }} placeholder={t('customers.tagsPlaceholder')} data-testid="customer-tags-edit" />
            <Button type="primary" disabled={!dirty} loading={busy} onClick={() => void save()}>{t('common.save')}</Button>
            {dirty && <Button onClick={() => setTags(customer.tags)}>{t('common.cancel')}</Button>}
          </Flex>
        ) : customer.tags.length ? (
          customer.tags.map((x) => <Tag key={x}>{x}</Tag>)
        ) : (
          '—'
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
