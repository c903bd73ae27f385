import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../auth/errors';

/**
 * The flow every import wizard shares (customers, orders): upload a file (step 0), map its
 * columns (step 1), start a dry run or a real run and watch it (step 2). The server starts an
 * upload once, so a run after another uploads the kept file again.
 */
export function useImportFlow<U extends { id: number }, M>(options: {
  upload: (file: File) => Promise<U>;
  initialMapping: (upload: U) => M;
  start: (id: number, mapping: M, dryRun: boolean) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<U | null>(null);
  const [mapping, setMapping] = useState<M>({} as M);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [runId, setRunId] = useState<number | null>(null);
  const started = useRef(new Set<number>());

  const receive = async (f: File) => {
    setBusy(true);
    setError(null);
    try {
      const uploaded = await options.upload(f);
      setFile(f);
      setUpload(uploaded);
      setMapping(options.initialMapping(uploaded));
      setRunId(null);
      setStep(1);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const start = async (dryRun: boolean) => {
    if (!upload || !file) return;
    setBusy(true);
    setError(null);
    try {
      let target = upload;
      if (started.current.has(target.id)) {
        target = await options.upload(file);
        setUpload(target);
      }
      started.current.add(target.id);
      await options.start(target.id, mapping, dryRun);
      setRunId(target.id);
      setStep(2);
    } catch (e) {
      setError(errorText(t, e));
      setStep(1);
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setStep(0);
    setFile(null);
    setUpload(null);
    setRunId(null);
    setError(null);
  };

  return { step, setStep, file, upload, mapping, setMapping, busy, error, runId, receive, start, restart };
}
