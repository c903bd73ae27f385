import { Alert, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerDataApi } from '../../../api/customerData';
import type { Customer } from '../../../api/customers';
import { errorText } from '../../../auth/errors';

/** 匿名化: irreversible, so the user types the customer number (like the recycle bin's erase). */
export function AnonymiseModal({ customer, open, onClose, onDone }: { customer: Customer; open: boolean; onClose: () => void; onDone: (c: Customer) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setTyped('');
    setError(null);
  }, [open]);

  const matches = typed.trim() === customer.number;
  const submit = async () => {
    if (!matches) return;
    setBusy(true);
    try {
      onDone(await customerDataApi.anonymise(customer.id, customer.number));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('privacy.anonymiseTitle')}
      okText={t('privacy.anonymise')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !matches, 'data-testid': 'anonymise-ok' } as ButtonProps}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Alert type="error" showIcon title={t('privacy.anonymiseWarning')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="anonymise-error" />}
      <Typography.Paragraph>
        {t('recycle.eraseTypeNumber')} <Typography.Text code copyable>{customer.number}</Typography.Text>
      </Typography.Paragraph>
      <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={customer.number} autoComplete="off" data-testid="anonymise-number" />
    </Modal>
  );
}
