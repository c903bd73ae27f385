import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, type ExportFormat } from '../../api/analytics';
import type { QueryValue } from '../../api/client';
import { errorText } from '../../auth/errors';
import { useSession } from '../../auth/SessionContext';

/** CSV/XLSX download of an analytics route (`?format=`); hidden without analytics.export. */
export function ExportButton({ path, query }: { path: string; query: Record<string, QueryValue> }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!can('analytics.export')) return null;
  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      await analyticsApi.exportFile(path, query, format);
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'csv', label: 'CSV' },
          { key: 'xlsx', label: 'Excel (XLSX)' },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid={`export-${path.replace(/\//g, '-')}`}>
        {t('analytics.export')}
      </Button>
    </Dropdown>
  );
}
