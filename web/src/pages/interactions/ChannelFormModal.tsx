import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_KINDS, interactionKeys, interactionsApi, type Channel, type ChannelKind } from '../../api/interactions';
import { applyFieldErrors } from '../../toolkit';

interface Values {
  name: string;
  kind: ChannelKind;
}

/** Add (channel = null) or rename a communication channel. */
export function ChannelFormModal({ open, channel, onClose }: { open: boolean; channel: Channel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setTopError(null);
    form.resetFields();
    form.setFieldsValue(channel ? { name: channel.name, kind: channel.kind } : { name: '', kind: 'other' });
  }, [open, channel, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setTopError(null);
    try {
      const body = { name: v.name.trim(), kind: v.kind };
      if (channel) await interactionsApi.updateChannel(channel.id, body);
      else await interactionsApi.createChannel({ ...body, enabled: true });
      message.success(t('channels.saved'));
      void queryClient.invalidateQueries({ queryKey: interactionKeys.channels });
      onClose();
    } catch (e) {
      setTopError(applyFieldErrors(form, e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={channel ? t('channels.editTitle') : t('channels.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="channel">
        <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, whitespace: true, message: t('channels.nameRequired') }]}>
          <Input maxLength={32} data-testid="channel-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('channels.kind')}>
          <Select options={CHANNEL_KINDS.map((k) => ({ value: k, label: t(`channels.kinds.${k}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
