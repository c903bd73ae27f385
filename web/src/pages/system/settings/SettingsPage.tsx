import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, adminKeys } from '../../../api/admin';
import type { SettingSchema } from '../../../api/types';
import { useSession } from '../../../auth/SessionContext';
import { applyFieldErrors, ErrorState, PageHeader } from '../../../toolkit';
import { useRoles } from '../useRoles';
import { changedSettings, groupSettings } from './settingsGroups';
import { SettingField } from './SettingField';

function rangeHelp(schema: SettingSchema, t: (k: string, o?: Record<string, unknown>) => string): string | undefined {
  const { min, max } = schema as { min?: unknown; max?: unknown };
  return typeof min === 'number' && typeof max === 'number' ? t('settings.range', { min, max }) : undefined;
}

function showDefault(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Record<string, unknown>>();
  const roles = useRoles().data ?? [];
  const canManage = can('settings.manage');
  const [busy, setBusy] = useState(false);
  const [topError, setTopError] = useState<string | null>(null);
  const settings = useQuery({ queryKey: adminKeys.settings, queryFn: ({ signal }) => adminApi.getSettings(signal) });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.values);
  }, [settings.data, form]);

  if (settings.error) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Spin />;
  const { schema, values, defaults } = settings.data;

  const save = async () => {
    const edited = await form.validateFields();
    const patch = changedSettings(values, edited);
    if (Object.keys(patch).length === 0) {
      message.info(t('settings.unchanged'));
      return;
    }
    setBusy(true);
    setTopError(null);
    try {
      const reply = await adminApi.putSettings(patch);
      queryClient.setQueryData(adminKeys.settings, reply);
      message.success(t('settings.saved'));
    } catch (error) {
      setTopError(applyFieldErrors(form, error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.settings')}
        subtitle={t('settings.subtitle')}
        extra={
          canManage && (
            <>
              <Button onClick={() => form.setFieldsValue(values)}>{t('common.reset')}</Button>
              <Button type="primary" loading={busy} onClick={() => void save().catch(() => undefined)} data-testid="settings-save">
                {t('common.save')}
              </Button>
            </>
          )
        }
      />
      {topError && <Alert type="error" showIcon message={topError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="horizontal" name="settings" labelCol={{ flex: '260px' }} labelWrap disabled={!canManage}>
        <Flex vertical gap={16}>
          {groupSettings(Object.keys(schema)).map((group) => (
            <Card key={group.key} title={t(`settings.groups.${group.key}`)} size="small">
              {group.keys.map((key) => {
                const s = schema[key] as SettingSchema;
                const help = [rangeHelp(s, t), t('settings.default', { value: showDefault(defaults[key]) })].filter(Boolean).join(' · ');
                return (
                  <Form.Item key={key} name={key} label={t(`settings.keys.${key}`, { defaultValue: key })} extra={help} rules={[{ required: s.type === 'int' || s.type === 'enum', message: t('settings.required') }]}>
                    <SettingField schema={s} roles={roles} disabled={!canManage} />
                  </Form.Item>
                );
              })}
            </Card>
          ))}
        </Flex>
      </Form>
    </>
  );
}
