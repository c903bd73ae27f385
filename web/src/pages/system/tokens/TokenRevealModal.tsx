import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a newly created token once, with a copy button. */
export function TokenRevealModal({ token, onClose }: { token: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!token}
      title={t('tokens.createdTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tokens.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('tokens.onceWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: token ?? '', tooltips: [t('tokens.copy'), t('tokens.copied')] }}
        code
        style={{ wordBreak: 'break-all', fontSize: 14 }}
        data-testid="token-value"
      >
        {token}
      </Typography.Paragraph>
    </Modal>
  );
}
