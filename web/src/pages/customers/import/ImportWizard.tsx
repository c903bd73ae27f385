import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Spin, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { customerDataApi, customerDataKeys, type CustomerImport, type MatchBy } from '../../../api/customerData';
import { errorText } from '../../../auth/errors';
import { ImportDropzone } from '../../../toolkit/ImportDropzone';
import { useImportFlow } from '../../../toolkit/useImportFlow';
import { invalidateCustomers } from '../invalidate';
import { ImportJobView } from './ImportJobView';
import { ImportMappingStep } from './ImportMappingStep';
import { initialMapping, isFinished, mappingOk, mappingProblems, type Mapping } from './importMapping';
import { useImportJob } from './useImportJob';

/**
 * 导入客户: upload → map columns → dry run and/or import → result. The file is kept in memory:
 * an upload can be started once, so a real run after a dry run uploads it again.
 */
export function ImportWizard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [matchBy, setMatchBy] = useState<MatchBy>('phone');
  const { step, setStep, upload, mapping, setMapping, busy, error, runId, receive, start, restart } = useImportFlow<
    CustomerImport,
    Mapping
  >({
    upload: (f) => customerDataApi.upload(f),
    initialMapping,
    start: (id, m, dryRun) => customerDataApi.startImport(id, { mapping: m, match_by: matchBy, dry_run: dryRun }),
  });
  const run = useImportJob(runId);
  const job = run.data;

  // A finished real import changed customers: refresh the lists and the import history.
  const finishedId = job && isFinished(job.status) ? job.id : null;
  useEffect(() => {
    if (finishedId === null) return;
    void queryClient.invalidateQueries({ queryKey: customerDataKeys.imports });
    if (job && !job.dry_run && job.status === 'succeeded') void invalidateCustomers(queryClient);
  }, [finishedId, job, queryClient]);

  const problems = mappingProblems(mapping, matchBy);
  const finished = !!job && isFinished(job.status);
  return (
    <>
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('imports.stepUpload') }, { title: t('imports.stepMapping') }, { title: t('imports.stepRun') }]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="import-error" />}
      {step === 0 && (
        <ImportDropzone busy={busy} onFile={(f) => void receive(f)} text={t('imports.dropHere')} hint={t('imports.dropHint')} testId="import-upload" />
      )}
      {step === 1 && upload && (
        <>
          <ImportMappingStep job={upload} mapping={mapping} onMapping={setMapping} matchBy={matchBy} onMatchBy={setMatchBy} />
          <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }}>
            <Button onClick={restart}>{t('imports.otherFile')}</Button>
            <Button disabled={!mappingOk(problems)} loading={busy} onClick={() => void start(true)} data-testid="import-dry-run">
              {t('imports.dryRun')}
            </Button>
            <Button type="primary" disabled={!mappingOk(problems)} loading={busy} onClick={() => void start(false)} data-testid="import-start">
              {t('imports.start')}
            </Button>
          </Flex>
        </>
      )}
      {step === 2 && (
        <>
          {job ? <ImportJobView job={job} /> : run.error ? <Alert type="error" showIcon title={errorText(t, run.error)} /> : <Spin />}
          {finished && (
            <Flex gap={8} justify="center" style={{ marginTop: 16 }}>
              {job.status === 'succeeded' && !job.dry_run ? (
                <>
                  <Button onClick={restart}>{t('imports.another')}</Button>
                  <Button type="primary" onClick={() => navigate('/customers')} data-testid="import-to-customers">
                    {t('imports.toCustomers')}
                  </Button>
                </>
              ) : (
                <>
                  <Button onClick={restart} data-testid="import-reupload">
                    {t('imports.otherFile')}
                  </Button>
                  <Button onClick={() => setStep(1)}>{t('imports.backToMapping')}</Button>
                  {job.status === 'succeeded' && (
                    <Button type="primary" loading={busy} onClick={() => void start(false)} data-testid="import-start-after-dry-run">
                      {t('imports.start')}
                    </Button>
                  )}
                </>
              )}
            </Flex>
          )}
        </>
      )}
      {step === 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          {t('imports.formatHelp')}
        </Typography.Paragraph>
      )}
    </>
  );
}
