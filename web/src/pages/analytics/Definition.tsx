import { QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A label with a (?) whose tooltip names the figure's definition (docs/analytics.md). */
export function Definition({ children, term }: { children: ReactNode; term: string }) {
  const { t } = useTranslation();
  return (
    <span>
      {children}{' '}
      <Tooltip title={t(`analytics.defs.${term}`)}>
        <QuestionCircleOutlined style={{ color: '#8c8c8c', fontSize: 12 }} aria-label={t('analytics.definition')} data-testid={`def-${term}`} />
      </Tooltip>
    </span>
  );
}
