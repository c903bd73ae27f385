import { Button, Card, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A row of list filters with a reset button. */
export function FilterBar({ children, onReset }: { children: ReactNode; onReset: () => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Flex wrap gap={12} align="center">
        {children}
        <Button onClick={onReset}>{t('common.reset')}</Button>
      </Flex>
    </Card>
  );
}
