import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Empty, Flex, Form, Input, Modal, Select, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ordersApi, TRACKING_STATUSES, type TrackingEvent, type TrackingStatus } from '../../api/orders';
import { errorText } from '../../auth/errors';
import { formatTime } from '../../toolkit';

const COLORS: Record<TrackingStatus, string> = { collected: 'blue', in_transit: 'blue', out_for_delivery: 'cyan', delivered: 'green', exception: 'red' };

interface Values {
  at: Dayjs;
  status: TrackingStatus;
  location?: string;
  description?: string;
}

/** 物流轨迹: carrier events newest first; staff with orders.edit can add one. */
export function OrderTracking({ orderId, events, canAdd, onAdded }: { orderId: number; events: readonly TrackingEvent[]; canAdd: boolean; onAdded: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const sorted = [...events].sort((a, b) => b.at - a.at || b.id - a.id);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await ordersApi.addTracking(orderId, { at: v.at.valueOf(), status: v.status, location: (v.location ?? '').trim(), description: (v.description ?? '').trim() });
      setOpen(false);
      onAdded();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="order-tracking">
      {canAdd && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ at: dayjs(), status: 'in_transit' });
              setError(null);
              setOpen(true);
            }}
            data-testid="order-tracking-add"
          >
            {t('orders.addTracking')}
          </Button>
        </Flex>
      )}
      {sorted.length === 0 ? (
        <Empty description={t('orders.noTracking')} />
      ) : (
        <Timeline
          items={sorted.map((e) => ({
            key: e.id,
            color: COLORS[e.status] ?? 'gray',
            title: <Typography.Text type="secondary">{formatTime(e.at)}</Typography.Text>,
            content: (
              <>
                <Tag color={COLORS[e.status]}>{t(`orders.trackingStatuses.${e.status}`, { defaultValue: e.status })}</Tag>
                {e.location && <Typography.Text strong>{e.location} </Typography.Text>}
                <Typography.Text>{e.description}</Typography.Text>
              </>
            ),
          }))}
        />
      )}
      <Modal open={open} title={t('orders.addTracking')} onCancel={() => setOpen(false)} onOk={() => void save().catch(() => undefined)} okButtonProps={{ loading: busy }} forceRender>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" name="tracking">
          <Form.Item name="at" label={t('orders.trackingAt')} rules={[{ required: true, message: t('orders.trackingAtRequired') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="status" label={t('orders.trackingStatus')}>
            <Select options={TRACKING_STATUSES.map((s) => ({ value: s, label: t(`orders.trackingStatuses.${s}`) }))} />
          </Form.Item>
          <Form.Item name="location" label={t('orders.trackingLocation')}>
            <Input maxLength={128} />
          </Form.Item>
          <Form.Item name="description" label={t('orders.trackingDescription')} rules={[{ required: true, whitespace: true, message: t('orders.trackingDescriptionRequired') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
