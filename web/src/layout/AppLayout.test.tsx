import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../AppRoutes';
import i18n from '../i18n';
import { LANGUAGE_STORAGE_KEY } from '../i18n/language';
import { jsonResponse, renderWithProviders } from '../test/render';

beforeEach(async () => {
  window.localStorage.clear();
  await i18n.changeLanguage('zh-CN');
  vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({ status: 'ok' })));
});

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('app layout', () => {
  it('renders only enabled menu entries', async () => {
    renderWithProviders(<AppRoutes />, { route: '/dashboard' });
    const menu = await screen.findByRole('menu');
    expect(menu.textContent).toContain('仪表盘');
    for (const hidden of ['客户', '订单', '会员', '系统管理']) expect(menu.textContent).not.toContain(hidden);
    expect(screen.getAllByText('shopcrm').length).toBeGreaterThan(0);
  });

  it('switches language, persists it and sets document lang', async () => {
    renderWithProviders(<AppRoutes />, { route: '/dashboard' });
    expect(await screen.findByRole('heading', { name: '仪表盘' })).toBeTruthy();
    fireEvent.click(screen.getByTestId('language-switch'));
    fireEvent.click(await screen.findByText('English'));
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeTruthy();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    await waitFor(() => expect(screen.getByTestId('language-switch').textContent).toContain('English'));
  });

  it('shows the 404 page for unknown console routes', async () => {
    renderWithProviders(<AppRoutes />, { route: '/no/such/page' });
    expect(await screen.findByText('页面不存在')).toBeTruthy();
  });
});
