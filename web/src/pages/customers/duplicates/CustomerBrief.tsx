import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Customer } from '../../../api/customers';
import { formatTime } from '../../../toolkit';
import { formatAddress, orDash } from '../display';

/** One side of a duplicate pair: the fields the rules compare, masked as the list shows them. */
export function CustomerBrief({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const line = (label: string, value: string) => (
    <div>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {value}
    </div>
  );
  return (
    <div style={{ fontSize: 13, lineHeight: 1.7 }} data-testid="duplicate-customer">
      <Link to={`/customers/${c.id}`}>
        <Typography.Text strong>{c.name}</Typography.Text> <Typography.Text type="secondary">{c.number}</Typography.Text>
      </Link>
      {line(t('customers.phone'), orDash(c.phone))}
      {line(t('customers.birthday'), orDash(c.birthday))}
      {line(t('customers.address'), formatAddress(c.address))}
      {line(t('customers.idNumber'), orDash(c.id_number))}
      {line(t('customers.createdAt'), formatTime(c.created_at))}
    </div>
  );
}
