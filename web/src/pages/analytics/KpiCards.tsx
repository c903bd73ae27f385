import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { KPI_NAMES, type KpisReply } from '../../api/analytics';
import { formatKpiValue, kpiDelta, TONE_COLOR } from './analyticsFormat';
import { Definition } from './Definition';

/** The eight KPI cards with ▲/▼ deltas against the previous period of the same length. */
export function KpiCards({ data }: { data: KpisReply }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        <Definition term="kpi_compare">
          <span data-testid="kpi-range">{t('analytics.kpi.range', { from: data.from, to: data.to, previousFrom: data.previous_from, previousTo: data.previous_to })}</span>
        </Definition>
      </Typography.Text>
      <Row gutter={[16, 16]} data-testid="kpi-cards">
        {KPI_NAMES.map((name) => {
          const kpi = data.kpis[name];
          const delta = kpiDelta(name, kpi);
          return (
            <Col xs={12} md={6} key={name}>
              <Card size="small" data-testid={`kpi-${name}`}>
                <Statistic title={<Definition term={name} section="kpis">{t(`analytics.kpi.${name}`)}</Definition>} value={formatKpiValue(name, kpi?.value)} />
                <Typography.Text style={{ fontSize: 12, color: TONE_COLOR[delta.tone] }} data-testid={`kpi-delta-${name}`}>
                  {delta.arrow} {delta.text}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                  {t('analytics.kpi.previous', { value: formatKpiValue(name, kpi?.previous) })}
                </Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
