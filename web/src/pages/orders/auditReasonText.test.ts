import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { auditReasonText } from './auditReasonText';

describe('auditReasonText', () => {
  it('explains an amount hold in yuan in the console language', async () => {
    await i18n.changeLanguage('zh-CN');
    const text = auditReasonText(i18n.t, {
      rule: 'amount_threshold',
      message: 'Order total ¥60000.00 is above the ¥50000.00 threshold.',
      params: { total_fen: 6000000, max_total_fen: 5000000 },
    });
    expect(text).toBe('订单金额 ¥60,000.00 超过审核阈值 ¥50,000.00');
  });

  it('falls back to the server message for a rule it does not know', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(auditReasonText(i18n.t, { rule: 'new_rule', message: 'Held for review.' })).toBe('Held for review.');
  });
});
