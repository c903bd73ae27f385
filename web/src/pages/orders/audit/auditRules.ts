/** Audit rules: editing their parameters in yuan while the API keeps fen. */
import type { AuditRule } from '../../../api/orders';
import { fenToYuan, yuanToFen } from '../money';

export interface RuleValues {
  rule: string;
  enabled: boolean;
  /** credit_level: the lowest credit level passing. */
  min_level?: number | null;
  /** amount_threshold: the largest order total (yuan) passing without review. */
  max_total_yuan?: number | null;
  /** Other parameters are kept as they came. */
  params: Record<string, number>;
}

export function toRuleValues(r: AuditRule): RuleValues {
  return {
    rule: r.rule,
    enabled: r.enabled,
    params: r.params ?? {},
    ...(r.rule === 'credit_level' ? { min_level: r.params?.min_level ?? null } : {}),
    ...(r.rule === 'amount_threshold' ? { max_total_yuan: fenToYuan(r.params?.max_total_fen) } : {}),
  };
}

export function toRuleBody(v: RuleValues): Pick<AuditRule, 'rule' | 'enabled' | 'params'> {
  const params = { ...v.params };
  if (v.rule === 'credit_level' && v.min_level != null) params.min_level = v.min_level;
  if (v.rule === 'amount_threshold' && v.max_total_yuan != null) params.max_total_fen = yuanToFen(v.max_total_yuan) ?? 0;
  return { rule: v.rule, enabled: v.enabled, params };
}
