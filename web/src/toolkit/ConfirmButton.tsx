import { Button, Popconfirm, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A button for destructive actions that asks first (Popconfirm) and shows progress. */
export function ConfirmButton({
  title,
  description,
  onConfirm,
  children,
  okText,
  danger = true,
  ...button
}: Omit<ButtonProps, 'onClick'> & {
  title: ReactNode;
  description?: ReactNode;
  onConfirm: () => Promise<unknown> | void;
  okText?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Popconfirm
      title={title}
      description={description}
      okText={okText ?? t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger, loading: busy }}
      onConfirm={async () => {
        setBusy(true);
        try {
          await onConfirm();
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button danger={danger} loading={busy} {...button}>
        {children}
      </Button>
    </Popconfirm>
  );
}
