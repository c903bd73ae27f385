import { Checkbox, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CONSENT_CHANNELS, GENDERS, STAGES } from '../../api/customers';
import { isValidEmail, isValidMobile } from './customerValidation';

/** The fields of the customer drawer; `keep` = values loaded from the server that need no re-check (masked). */
export function CustomerFormFields({
  keepPhone,
  keepEmail,
  editing = false,
}: {
  keepPhone?: string;
  keepEmail?: string;
  /** Editing an existing record: offers the consent note kept with a consent change. */
  editing?: boolean;
}) {
  const { t } = useTranslation();
  const half = { xs: 24, sm: 12 };
  const third = { xs: 24, sm: 8 };
  return (
    <>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="name" label={t('customers.name')} rules={[{ required: true, whitespace: true, message: t('customers.nameRequired') }]}>
            <Input maxLength={64} data-testid="customer-name" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="gender" label={t('customers.gender')}>
            <Select options={GENDERS.map((g) => ({ value: g, label: t(`customers.genders.${g}`) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="phone"
            label={t('customers.phone')}
            rules={[{ validator: async (_r, v?: string) => {
              if (!v || !v.trim() || v === keepPhone || isValidMobile(v)) return;
              throw new Error(t('customers.phoneInvalid'));
            } }]}
          >
            <Input maxLength={20} placeholder="13800138000" data-testid="customer-phone" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="email"
            label={t('customers.email')}
            rules={[{ validator: async (_r, v?: string) => {
              if (!v || !v.trim() || v === keepEmail || isValidEmail(v)) return;
              throw new Error(t('customers.emailInvalid'));
            } }]}
          >
            <Input maxLength={128} data-testid="customer-email" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="birthday"
            label={t('customers.birthday')}
            rules={[{ validator: async (_r, v?: Dayjs | null) => {
              if (v && v.isAfter(dayjs(), 'day')) throw new Error(t('customers.birthdayFuture'));
            } }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="stage" label={t('customers.stage')}>
            <Select options={STAGES.map((s) => ({ value: s, label: t(`customers.stages.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="province" label={t('customers.province')}>
            <Input maxLength={32} />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="city" label={t('customers.city')}>
            <Input maxLength={32} />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="district" label={t('customers.district')}>
            <Input maxLength={32} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address_detail" label={t('customers.addressDetail')}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="source_channel" label={t('customers.sourceChannel')}>
            <Input maxLength={32} placeholder={t('customers.sourceChannelPlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="tags" label={t('customers.tags')}>
            <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('customers.tagsPlaceholder')} open={false} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="hobbies" label={t('customers.hobbies')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="notes" label={t('customers.notes')}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="consent" label={t('customers.consent')} extra={t('customers.consentHelp')}>
        <Checkbox.Group options={CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`customers.consentChannels.${c}`) }))} />
      </Form.Item>
      {editing && (
        <Form.Item name="consent_note" label={t('customers.consentNote')} extra={t('customers.consentNoteHelp')}>
          <Input maxLength={200} data-testid="customer-consent-note" />
        </Form.Item>
      )}
    </>
  );
}
