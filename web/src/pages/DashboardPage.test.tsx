import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { jsonResponse, renderWithProviders } from '../test/render';
import { DashboardPage } from './DashboardPage';

function serve(readyStatus = 200) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url === '/healthz') return jsonResponse({ status: 'ok' });
      if (url === '/readyz')
        return readyStatus === 200
          ? jsonResponse({ status: 'ready', database: 'sqlite' })
          : jsonResponse({ status: 'not_ready', database: 'sqlite' }, readyStatus);
      if (url === '/api/v1/version') return jsonResponse({ name: 'shopcrm', version: '0.1.0' });
      return jsonResponse({ error: { code: 'not_found', message: 'not found' } }, 404);
    }),
  );
}

beforeEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('dashboard', () => {
  it('shows the server status as OK with the version', async () => {
    serve();
    renderWithProviders(<DashboardPage />);
    expect(await screen.findByText('shopcrm 0.1.0')).toBeTruthy();
    expect(await within(screen.getByTestId('status-liveness')).findByText('正常')).toBeTruthy();
    expect(await within(screen.getByTestId('status-readiness')).findByText('正常')).toBeTruthy();
    expect(screen.getByTestId('status-database').textContent).toBe('sqlite');
    expect(screen.getByText('服务器状态')).toBeTruthy();
  });

  it('shows an error tag when the database is not ready', async () => {
    serve(503);
    renderWithProviders(<DashboardPage />);
    expect(await within(screen.getByTestId('status-readiness')).findByText('异常')).toBeTruthy();
    expect(await within(screen.getByTestId('status-liveness')).findByText('正常')).toBeTruthy();
  });
});
