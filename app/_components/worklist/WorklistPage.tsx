'use client';

import { useCallback, useState } from 'react';
import { UploadPanel } from '../upload/UploadPanel';
import { Worklist } from './Worklist';

/** Upload and worklist side by side: each finished upload refreshes the list. */
export function WorklistPage({ csrfToken, canUpload }: { csrfToken: string; canUpload: boolean }) {
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((key) => key + 1), []);
  return (
    <div className={canUpload ? 'worklist-page with-upload' : 'worklist-page'}>
      <Worklist refreshKey={refreshKey} csrfToken={csrfToken} />
      {canUpload ? <UploadPanel csrfToken={csrfToken} onUploaded={refresh} /> : null}
    </div>
  );
}
