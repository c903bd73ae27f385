import { QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { definitionSection, DOC_PATH, type DocSection } from './definitions';

/**
 * A label with a (?) whose tooltip gives the figure's definition and names where it is written
 * down (docs/analytics.md and the section; `section` overrides the term's usual section).
 */
export function Definition({ children, term, section }: { children: ReactNode; term: string; section?: DocSection }) {
  const { t } = useTranslation();
  const title = (
    <>
      <div>{t(`analytics.defs.${term}`)}</div>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.65)', fontSize: 12 }} data-testid={`def-source-${term}`}>
        {t('analytics.definitionSource', { doc: DOC_PATH, section: definitionSection(term, section) })}
      </Typography.Text>
    </>
  );
  return (
    <span>
      {children}{' '}
      <Tooltip title={title}>
        <QuestionCircleOutlined style={{ color: '#8c8c8c', fontSize: 12 }} aria-label={t('analytics.definition')} data-testid={`def-${term}`} />
      </Tooltip>
    </span>
  );
}
