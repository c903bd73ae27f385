import { ScanOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerDataApi, customerDataKeys, type DuplicatePair } from '../../../api/customerData';
import { errorText } from '../../../auth/errors';
import { PageHeader, useServerTable } from '../../../toolkit';
import { DuplicateQueue } from './DuplicateQueue';
import { MergeList } from './MergeList';

const NO_URL_FILTERS: readonly string[] = [];

/** 重复客户 (customers.edit): scan, review open pairs, merge or dismiss, and undo merges. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [scanning, setScanning] = useState(false);
  const queue = useServerTable<DuplicatePair>({
    queryKey: customerDataKeys.duplicates,
    fetcher: (query, signal) => customerDataApi.duplicates({ ...query, status: 'open' }, signal),
    filterKeys: NO_URL_FILTERS,
  });

  const scan = async () => {
    setScanning(true);
    try {
      await customerDataApi.scanDuplicates();
      message.success(t('duplicates.scanStarted'));
      // The scan runs in the background; look again shortly and once more a little later.
      for (const delay of [1500, 5000]) {
        setTimeout(() => void queryClient.invalidateQueries({ queryKey: customerDataKeys.duplicates }), delay);
      }
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setScanning(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.customerDuplicates')}
        subtitle={t('duplicates.subtitle')}
        extra={
          <Button type="primary" icon={<ScanOutlined />} loading={scanning} onClick={() => void scan()} data-testid="duplicates-scan">
            {t('duplicates.scan')}
          </Button>
        }
      />
      <Card>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'open', label: t('duplicates.tabOpen'), children: <DuplicateQueue table={queue} /> },
            { key: 'merges', label: t('duplicates.tabMerges'), children: <MergeList /> },
          ]}
        />
      </Card>
    </>
  );
}
