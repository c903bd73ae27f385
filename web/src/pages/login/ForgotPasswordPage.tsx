import { Button, Result, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { AuthShell } from './AuthShell';
import { RecoveryIdentifyStep } from './RecoveryIdentifyStep';
import { RecoveryResetStep } from './RecoveryResetStep';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [identifier, setIdentifier] = useState('');

  return (
    <AuthShell title={t('recovery.title')} width={480}>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('recovery.step1') }, { title: t('recovery.step2') }, { title: t('recovery.step3') }]}
      />
      {step === 0 && (
        <RecoveryIdentifyStep
          initial={identifier}
          onSent={(id) => {
            setIdentifier(id);
            setStep(1);
          }}
        />
      )}
      {step === 1 && <RecoveryResetStep identifier={identifier} onDone={() => setStep(2)} onBack={() => setStep(0)} />}
      {step === 2 && (
        <Result
          status="success"
          title={t('recovery.doneTitle')}
          subTitle={t('recovery.doneText')}
          extra={
            <Button type="primary" onClick={() => navigate('/login')} data-testid="recovery-back-login">
              {t('recovery.backToLogin')}
            </Button>
          }
        />
      )}
      {step < 2 && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/login">{t('recovery.backToLogin')}</Link>
        </div>
      )}
    </AuthShell>
  );
}
