import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, InputNumber, Skeleton, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderKeys, ordersApi } from '../../../api/orders';
import { errorText } from '../../../auth/errors';
import { ErrorState } from '../../../toolkit';
import { toRuleBody, toRuleValues, type RuleValues } from './auditRules';

/** 审核规则: enable/disable each rule and set its threshold (amounts in yuan). */
export function AuditRulesCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: orderKeys.rules, queryFn: ({ signal }) => ordersApi.auditRules(signal) });
  const [rows, setRows] = useState<RuleValues[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (query.data) setRows(query.data.items.map(toRuleValues));
  }, [query.data]);

  if (query.error && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Card><Skeleton active /></Card>;

  const patch = (rule: string, change: Partial<RuleValues>) => setRows((rs) => rs.map((r) => (r.rule === rule ? { ...r, ...change } : r)));
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await ordersApi.saveAuditRules(rows.map(toRuleBody));
      message.success(t('orders.rulesSaved'));
      void queryClient.invalidateQueries({ queryKey: orderKeys.rules });
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('orders.auditRules')}
      data-testid="audit-rules"
      extra={
        editable && (
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="audit-rules-save">
            {t('common.save')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="audit-rules-error" />}
      <Table<RuleValues>
        rowKey="rule"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('orders.rule'),
            dataIndex: 'rule',
            render: (v: string) => (
              <Flex vertical>
                <Typography.Text strong>{t(`orders.rules.${v}`, { defaultValue: v })}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`orders.ruleHelp.${v}`, { defaultValue: '' })}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('orders.ruleParameter'),
            key: 'param',
            width: 220,
            render: (_v, r) =>
              r.rule === 'credit_level' ? (
                <InputNumber min={1} max={5} precision={0} value={r.min_level} disabled={!editable} onChange={(v) => patch(r.rule, { min_level: v })} addonBefore={t('orders.minLevel')} data-testid="rule-min-level" />
              ) : r.rule === 'amount_threshold' ? (
                <InputNumber min={0} precision={2} prefix="¥" value={r.max_total_yuan} disabled={!editable} onChange={(v) => patch(r.rule, { max_total_yuan: v })} style={{ width: 180 }} data-testid="rule-max-total" />
              ) : (
                '—'
              ),
          },
          {
            title: t('orders.ruleEnabled'),
            dataIndex: 'enabled',
            width: 90,
            render: (v: boolean, r) => <Switch checked={v} disabled={!editable} onChange={(on) => patch(r.rule, { enabled: on })} data-testid={`rule-enabled-${r.rule}`} />,
          },
        ]}
      />
    </Card>
  );
}
