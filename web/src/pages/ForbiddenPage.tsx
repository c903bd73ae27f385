import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

export function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.subtitle')}
      data-testid="forbidden"
      extra={
        <Button type="primary" onClick={() => navigate('/dashboard')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}
