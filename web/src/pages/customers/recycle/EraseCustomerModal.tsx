import { Alert, App, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersApi, type DeletedCustomer } from '../../../api/customers';
import { errorText } from '../../../auth/errors';

/** Permanent erasure: the user must type the customer number to confirm. */
export function EraseCustomerModal({ customer, onClose, onErased }: { customer: DeletedCustomer | null; onClose: () => void; onErased: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setTyped('');
    setError(null);
  }, [customer]);

  const matches = !!customer && typed.trim() === customer.number;
  const submit = async () => {
    if (!customer || !matches) return;
    setBusy(true);
    try {
      await customersApi.erase(customer.id, customer.number);
      message.success(t('recycle.erased', { number: customer.number }));
      onErased();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!customer}
      title={t('recycle.eraseTitle')}
      okText={t('recycle.erase')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !matches }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Alert type="error" showIcon title={t('recycle.eraseWarning')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph>
        {t('recycle.eraseTypeNumber')} <Typography.Text code copyable>{customer?.number}</Typography.Text>
      </Typography.Paragraph>
      <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={customer?.number} autoComplete="off" data-testid="erase-number" />
    </Modal>
  );
}
