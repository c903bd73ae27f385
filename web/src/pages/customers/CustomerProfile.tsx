import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONSENT_CHANNELS, type Customer } from '../../api/customers';
import { formatTime } from '../../toolkit';
import { formatAddress, orDash } from './display';

/** 基本信息 tab: every field of the record (masked unless revealed). */
export function CustomerProfile({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="customer-profile">
      <Descriptions.Item label={t('customers.number')}>{c.number}</Descriptions.Item>
      <Descriptions.Item label={t('customers.name')}>{c.name}</Descriptions.Item>
      <Descriptions.Item label={t('customers.gender')}>{t(`customers.genders.${c.gender}`)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.birthday')}>{orDash(c.birthday)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.phone')}>
        <span data-testid="customer-phone-value">{orDash(c.phone)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('customers.email')}>{orDash(c.email)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.address')} span="filled">{formatAddress(c.address)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.idNumber')}>{orDash(c.id_number)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.sourceChannel')}>{orDash(c.source_channel)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.owner')}>{orDash(c.owner_name)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.consent')}>
        {CONSENT_CHANNELS.map((ch) => (
          <Tag key={ch} color={c.consent[ch] ? 'success' : 'default'}>
            {t('customers.labelled', { label: t(`customers.consentChannels.${ch}`), value: c.consent[ch] ? t('customers.consentYes') : t('customers.consentNo') })}
          </Tag>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('customers.hobbies')} span="filled">{orDash(c.hobbies)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.notes')} span="filled">
        <span style={{ whiteSpace: 'pre-wrap' }}>{orDash(c.notes)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('customers.createdAt')}>{formatTime(c.created_at)}</Descriptions.Item>
      <Descriptions.Item label={t('customers.updatedAt')}>{formatTime(c.updated_at)}</Descriptions.Item>
    </Descriptions>
  );
}
