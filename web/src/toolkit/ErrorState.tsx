import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorText } from '../auth/errors';

/** A failed load: the message, the request id (for support) and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Result
      status="error"
      title={t('common.loadFailed')}
      subTitle={
        <span data-testid="error-state">
          {errorText(t, error)}
          {requestId && (
            <>
              <br />
              {t('common.requestId')}: <code>{requestId}</code>
            </>
          )}
        </span>
      }
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}
