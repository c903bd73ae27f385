import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerDataApi } from '../../../api/customerData';
import type { Customer } from '../../../api/customers';
import { errorText } from '../../../auth/errors';
import { useSession } from '../../../auth/SessionContext';
import { AnonymiseModal } from './AnonymiseModal';

/** "更多" menu of the 360 page: the privacy actions, each only for the permission it needs. */
export function PrivacyMenu({ customer, onAnonymised }: { customer: Customer; onAnonymised: (c: Customer) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const [anonymising, setAnonymising] = useState(false);
  const [exporting, setExporting] = useState(false);

  const exportData = async () => {
    setExporting(true);
    try {
      const name = await customerDataApi.privacyExport(customer.id, customer.number);
      message.success(t('privacy.exported', { name }));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setExporting(false);
    }
  };

  const items: MenuProps['items'] = [];
  if (can('customers.view_pii')) items.push({ key: 'export', label: <span data-testid="privacy-export">{t('privacy.export')}</span>, disabled: exporting });
  if (can('customers.delete')) items.push({ key: 'anonymise', danger: true, label: <span data-testid="privacy-anonymise">{t('privacy.anonymise')}</span> });
  if (items.length === 0) return null;

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'export') void exportData();
            else setAnonymising(true);
          },
        }}
      >
        <Button loading={exporting} data-testid="customer-more">
          {t('privacy.more')} <DownOutlined />
        </Button>
      </Dropdown>
      <AnonymiseModal
        customer={customer}
        open={anonymising}
        onClose={() => setAnonymising(false)}
        onDone={(c) => {
          setAnonymising(false);
          message.success(t('privacy.anonymised'));
          onAnonymised(c);
        }}
      />
    </>
  );
}
