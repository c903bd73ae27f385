import type { TFunction } from 'i18next';
import type { AuditReason } from '../../api/orders';
import { formatFen } from './money';

/** The localised explanation of why an order waits for audit ("订单金额 ¥60,000.00 超过审核阈值 ¥50,000.00"). */
export function auditReasonText(t: TFunction, reason: AuditReason): string {
  const p = reason.params ?? {};
  return t(`orders.ruleDetail.${reason.rule}`, {
    defaultValue: reason.message,
    total: formatFen(p.total_fen),
    max: formatFen(p.max_total_fen),
    credit_level: p.credit_level,
    min_level: p.min_level,
  });
}
