import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerKeys, customersApi } from '../../api/customers';
import { errorText } from '../../auth/errors';
import { useCategoryOptions } from './useCategoryOptions';

/** Puts the selected customers into one category (POST /customer-categories/{id}/members). */
export function AddToCategoryModal({ ids, open, onClose, onDone }: { ids: number[]; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const categories = useCategoryOptions(open);
  const [categoryId, setCategoryId] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setCategoryId(undefined);
      setError(null);
    }
  }, [open]);

  const submit = async () => {
    if (categoryId === undefined) {
      setError(t('customers.categoryRequired'));
      return;
    }
    setBusy(true);
    try {
      const r = await customersApi.addMembers(categoryId, ids);
      message.success(t('customers.addedToCategory', { count: r.added }));
      void queryClient.invalidateQueries({ queryKey: customerKeys.categories });
      onDone();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('customers.addToCategory')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('customers.selectedCount', { count: ids.length })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Select
        showSearch
        optionFilterProp="label"
        placeholder={t('customers.category')}
        value={categoryId}
        onChange={(v: number) => setCategoryId(v)}
        options={categories.data ?? []}
        loading={categories.isFetching}
        style={{ width: '100%' }}
      />
    </Modal>
  );
}
