// The key stores the host keeps unlocked (after a PIN or password opened them), until when, and a
// Lock button. Shown in the Sign dialog and the Signature panel.
import { useCallback, useEffect, useState } from 'react';
import type { HostClient, UnlockedStoreInfo } from '../../../shared/common/ipc';
import { useI18n } from '../i18n';
import './secrets.css';

function fileName(target: string): string {
  return target.split(/[\\/]/).pop() || target;
}

/** `refresh` changes when an operation ended, so the list is read again. */
export function UnlockedStores({ client, refresh }: { client: HostClient; refresh: unknown }) {
  const { t } = useI18n();
  const [stores, setStores] = useState<UnlockedStoreInfo[]>([]);

  const read = useCallback(async () => {
    try {
      setStores(await client.invoke('signing.unlockedStores', undefined));
    } catch {
      setStores([]);
    }
  }, [client]);

  useEffect(() => {
    void read();
    // Stores lock by themselves when idle: read again now and then while this is shown.
    const timer = window.setInterval(() => void read(), 15_000);
    return () => window.clearInterval(timer);
  }, [read, refresh]);

  if (stores.length === 0) return null;
  const locksAt = Math.max(...stores.map((store) => store.locksAt));
  return (
    <div className="unlocked-stores small" role="status" data-testid="unlocked-stores">
      <span>{t('sign.unlockedStores', { time: new Date(locksAt).toLocaleTimeString(), stores: stores.map((store) => fileName(store.target)).join(', ') })}</span>
      <button
        type="button"
        onClick={() =>
          void client
            .invoke('signing.lock', {})
            .catch(() => undefined)
            .then(read)
        }
        data-testid="signing-lock"
      >
        {t('sign.lock')}
      </button>
    </div>
  );
}
