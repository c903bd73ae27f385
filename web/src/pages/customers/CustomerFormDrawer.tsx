import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Flex, Form } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { customersApi, type Customer } from '../../api/customers';
import { applyFieldErrors } from '../../toolkit/applyFieldErrors';
import { EMPTY_FORM, FIELD_MAP, toCreateBody, toFormValues, toPatchBody, type CustomerFormValues } from './customerForm';
import { duplicateText } from './customerErrors';
import { CustomerFormFields } from './CustomerFormFields';
import { invalidateCustomers } from './invalidate';

/** Create (customer = null) or edit a customer; edits send If-Match with the loaded version. */
export function CustomerFormDrawer({
  open,
  customer,
  onClose,
  onSaved,
  onReload,
}: {
  open: boolean;
  customer: Customer | null;
  onClose: () => void;
  onSaved: (customer: Customer) => void;
  /** Re-reads the customer after a 412 (the drawer then shows the fresh values). */
  onReload?: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CustomerFormValues>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);

  // Reset on open and when another version is loaded, not on every refetch (that would drop edits).
  const loaded = useRef(customer);
  loaded.current = customer;
  const loadedKey = customer ? `${customer.id}:${customer.version}:${customer.masked}` : 'new';
  useEffect(() => {
    if (!open) return;
    setTopError(null);
    setStale(false);
    form.resetFields();
    form.setFieldsValue(loaded.current ? toFormValues(loaded.current) : EMPTY_FORM);
  }, [open, loadedKey, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      let saved: Customer;
      if (customer) {
        const body = toPatchBody(v, customer);
        saved = Object.keys(body).length === 0 ? customer : await customersApi.update(customer.id, customer.version, body);
      } else {
        saved = await customersApi.create(toCreateBody(v));
      }
      message.success(customer ? t('customers.saved') : t('customers.created'));
      void invalidateCustomers(queryClient);
      onSaved(saved);
    } catch (error) {
      const duplicate = duplicateText(t, error);
      if (error instanceof ApiError && error.status === 412) setStale(true);
      else if (duplicate && error instanceof ApiError && error.field) form.setFields([{ name: error.field as 'phone' | 'email', errors: [duplicate] }]);
      else setTopError(applyFieldErrors(form, error, t, FIELD_MAP));
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    await onReload?.();
    setStale(false);
  };

  return (
    <Drawer
      open={open}
      size={720}
      title={customer ? t('customers.editTitle', { number: customer.number }) : t('customers.create')}
      onClose={onClose}
      forceRender
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} disabled={stale} onClick={() => void submit().catch(() => undefined)} data-testid="customer-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="customer-stale"
          title={t('customers.stale')}
          action={
            onReload && (
              <Button size="small" onClick={() => void reload()} data-testid="customer-reload">
                {t('customers.reload')}
              </Button>
            )
          }
        />
      )}
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      {customer?.masked && <Alert type="info" showIcon title={t('customers.maskedEditHelp')} style={{ marginBottom: 16 }} />}
      <Form<CustomerFormValues> form={form} layout="vertical" name="customer" initialValues={EMPTY_FORM}>
        <CustomerFormFields keepPhone={customer?.phone ?? undefined} keepEmail={customer?.email ?? undefined} editing={!!customer} />
      </Form>
    </Drawer>
  );
}
