import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { interactionKeys, interactionsApi, type Interaction } from '../../api/interactions';
import { customerKeys } from '../../api/customers';
import { applyFieldErrors } from '../../toolkit';
import { CustomerPicker, type CustomerOption } from './CustomerPicker';
import { emptyInteraction, toInteractionBody, toInteractionValues, type InteractionFormValues } from './interactionForm';
import { useChannels } from './useChannels';

/**
 * Log (interaction = null) or edit a communication. `customer` presets and locks the customer
 * (the 360 page's "记录沟通").
 */
export function InteractionFormDrawer({
  open,
  interaction,
  customer,
  onClose,
  onSaved,
}: {
  open: boolean;
  interaction: Interaction | null;
  customer?: CustomerOption;
  onClose: () => void;
  onSaved: (saved: Interaction) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<InteractionFormValues>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const channels = useChannels(open);

  useEffect(() => {
    if (!open) return;
    setTopError(null);
    form.resetFields();
    form.setFieldsValue(interaction ? toInteractionValues(interaction) : emptyInteraction(customer?.id));
  }, [open, interaction, customer?.id, form]);

  // A disabled channel cannot be chosen for new records, but an existing record keeps showing its own.
  const channelOptions = (channels.data ?? [])
    .filter((c) => c.enabled || c.id === interaction?.channel_id)
    .map((c) => ({ value: c.id, label: c.enabled ? c.name : `${c.name}（${t('channels.disabled')}）`, disabled: !c.enabled }));

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      const body = toInteractionBody(v);
      const saved = interaction ? await interactionsApi.update(interaction.id, body) : await interactionsApi.create(body);
      message.success(interaction ? t('interactions.saved') : t('interactions.created'));
      void queryClient.invalidateQueries({ queryKey: interactionKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['customers', 'timeline', saved.customer_id] });
      void queryClient.invalidateQueries({ queryKey: customerKeys.history(saved.customer_id) });
      onSaved(saved);
    } catch (error) {
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  const initialCustomer: CustomerOption | null = customer ?? (interaction ? { id: interaction.customer_id, name: interaction.customer_name, number: interaction.customer_number } : null);
  const half = { xs: 24, sm: 12 };
  return (
    <Drawer
      open={open}
      size={640}
      title={interaction ? t('interactions.editTitle') : t('interactions.create')}
      onClose={onClose}
      forceRender
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)} data-testid="interaction-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<InteractionFormValues> form={form} layout="vertical" name="interaction" initialValues={emptyInteraction(customer?.id)}>
        <Form.Item name="customer_id" label={t('interactions.customer')} rules={[{ required: true, message: t('interactions.customerRequired') }]}>
          <CustomerPicker initial={initialCustomer} disabled={!!customer || !!interaction} />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="at" label={t('interactions.at')} rules={[{ required: true, message: t('interactions.atRequired') }]}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                // The server accepts at most a day ahead (a call planned for tomorrow morning).
                disabledDate={(d) => d.isAfter(dayjs().add(1, 'day'), 'day')}
                data-testid="interaction-at"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="channel_id" label={t('interactions.channel')} rules={[{ required: true, message: t('interactions.channelRequired') }]}>
              <Select options={channelOptions} loading={channels.isFetching} placeholder={t('interactions.channelPlaceholder')} data-testid="interaction-channel" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="subject" label={t('interactions.subject')} rules={[{ required: true, whitespace: true, message: t('interactions.subjectRequired') }]}>
          <Input maxLength={200} data-testid="interaction-subject" />
        </Form.Item>
        <Form.Item name="content" label={t('interactions.content')}>
          <Input.TextArea rows={5} maxLength={10000} showCount data-testid="interaction-content" />
        </Form.Item>
        <Form.Item name="outcome" label={t('interactions.outcome')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="interaction-outcome" />
        </Form.Item>
        <Form.Item name="follow_up_on" label={t('interactions.followUpOn')}>
          <DatePicker style={{ width: '100%' }} data-testid="interaction-follow-up" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
