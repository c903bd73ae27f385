import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import i18n from '../../i18n';
import { duplicateText } from './customerErrors';

describe('duplicateText', () => {
  it('names the existing customer from the server message', async () => {
    await i18n.changeLanguage('zh-CN');
    const t = i18n.t.bind(i18n);
    const taken = (code: string, message: string) => new ApiError({ status: 409, code, message, field: 'phone' });
    expect(duplicateText(t, taken('customer.phone_taken', 'Customer C20261122000007 already has this phone number.'))).toBe('该手机号已被客户 C20261122000007 使用');
    expect(duplicateText(t, taken('customer.email_taken', 'Customer C20261122000008 already has this email address.'))).toBe('该邮箱已被客户 C20261122000008 使用');
    expect(duplicateText(t, taken('customer.phone_taken', 'taken'))).toBe('该手机号已被其他客户使用');
    expect(duplicateText(t, new ApiError({ status: 409, code: 'category.in_use', message: 'x' }))).toBeNull();
    expect(duplicateText(t, new Error('x'))).toBeNull();
  });
});
