'use client';

import { useCallback, useState } from 'react';
import { UploadPanel } from '../upload/UploadPanel';
import { Worklist } from './Worklist';

/** Upload and worklist side by side: each finished upload refreshes the list. */
export function WorklistPage({ csrfToken }: { csrfToken: string }) {
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((key) => key + 1), []);
  return (
    <div className="worklist-page">
      <Worklist refreshKey={refreshKey} />
      <UploadPanel csrfToken={csrfToken} onUploaded={refresh} />
    </div>
  );
}
