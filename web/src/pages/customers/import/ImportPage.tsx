import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../toolkit';
import { ImportHistory } from './ImportHistory';
import { ImportWizard } from './ImportWizard';

/** 导入客户 (customers.edit): the wizard and the caller's past imports. */
export function ImportPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('nav.customerImport')} subtitle={t('imports.subtitle')} />
      <Card>
        <Tabs
          items={[
            { key: 'new', label: t('imports.tabNew'), children: <ImportWizard /> },
            { key: 'history', label: t('imports.tabHistory'), children: <ImportHistory /> },
          ]}
        />
      </Card>
    </>
  );
}
