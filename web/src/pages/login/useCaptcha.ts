import { useCallback, useEffect, useRef, useState } from 'react';
import { authApi } from '../../api/auth';
import type { Captcha } from '../../api/types';

/** A single-use captcha: `reload()` fetches a fresh one (after every failed attempt). */
export function useCaptcha() {
  const [captcha, setCaptcha] = useState<Captcha | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const next = await authApi.captcha();
      if (mine === seq.current) {
        setCaptcha(next);
        setFailed(false);
      }
    } catch {
      if (mine === seq.current) setFailed(true);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { captcha, loading, failed, reload };
}
