import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { apiError, mockApi } from '../../test/mockApi';
import { renderWithProviders } from '../../test/render';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { makeCustomer } from './testData';

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('customer form drawer', () => {
  it('validates the mobile number on the client, then shows a 409 phone_taken on the phone field', async () => {
    const calls = mockApi({
      'POST /api/v1/customers': () =>
        apiError(409, 'customer.phone_taken', 'Customer C20261122000007 already has this phone number.', { field: 'phone' }),
    });
    const onSaved = vi.fn();
    renderWithProviders(<CustomerFormDrawer open customer={null} onClose={() => undefined} onSaved={onSaved} />);
    type('customer-name', '韩梅梅');
    type('customer-phone', '12345');
    fireEvent.click(screen.getByTestId('customer-save'));
    expect(await screen.findByText('请输入正确的中国大陆手机号（11 位，以 1 开头）')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    type('customer-phone', '+86 138-0013-8000');
    fireEvent.click(screen.getByTestId('customer-save'));
    const msg = await screen.findByText('该手机号已被客户 C20261122000007 使用');
    expect(msg.closest('.ant-form-item')?.querySelector('[data-testid="customer-phone"]')).toBeTruthy();
    expect(screen.queryByTestId('form-error')).toBeNull();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toMatchObject({ name: '韩梅梅', phone: '13800138000', stage: 'potential', gender: 'unknown' });
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('edits with If-Match, sends only changed fields and offers a reload on 412', async () => {
    const calls = mockApi({
      'PATCH /api/v1/customers/12': () => apiError(412, 'customer.version_mismatch', 'version mismatch'),
    });
    const onReload = vi.fn();
    function Harness() {
      const [current, setCurrent] = useState(makeCustomer());
      const reload = async () => {
        onReload();
        setCurrent(makeCustomer({ version: 4, name: '李雷（新）' }));
      };
      return <CustomerFormDrawer open customer={current} onClose={() => undefined} onSaved={() => undefined} onReload={reload} />;
    }
    renderWithProviders(<Harness />);
    await waitFor(() => expect((screen.getByTestId('customer-name') as HTMLInputElement).value).toBe('李雷'));
    type('customer-name', '李雷雷');
    fireEvent.click(screen.getByTestId('customer-save'));
    expect(await screen.findByText('该客户已被他人修改，请刷新后重试')).toBeTruthy();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(patch.body).toEqual({ name: '李雷雷' });

    fireEvent.click(screen.getByTestId('customer-reload'));
    await waitFor(() => expect(onReload).toHaveBeenCalled());
    await waitFor(() => expect(screen.queryByTestId('customer-stale')).toBeNull());
    await waitFor(() => expect((screen.getByTestId('customer-name') as HTMLInputElement).value).toBe('李雷（新）'));
  });
});
