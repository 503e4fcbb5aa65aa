'use client';

import { useCallback, useState } from 'react';
import { UploadPanel } from '../upload/UploadPanel';
import type { AlertOwner } from './alert-choice';
import { flaggedUnreadFilters, noFilters } from './filters';
import { Worklist } from './Worklist';

/**
 * Upload and worklist side by side: each finished upload refreshes the list. `flaggedUnread`
 * opens it on the flagged studies nobody has signed (flaggedUnreadHref); a link to the other
 * view starts the list afresh.
 */
export function WorklistPage({
  csrfToken,
  canUpload,
  alertOwner,
  flaggedUnread,
}: {
  csrfToken: string;
  canUpload: boolean;
  /** The reader whose alert choice the list offers; null for a user who is not alerted. */
  alertOwner: AlertOwner | null;
  flaggedUnread: boolean;
}) {
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((key) => key + 1), []);
  return (
    <div className={canUpload ? 'worklist-page with-upload' : 'worklist-page'}>
      <Worklist
        key={flaggedUnread ? 'flagged-unread' : 'all'}
        refreshKey={refreshKey}
        csrfToken={csrfToken}
        alertOwner={alertOwner}
        initialFilters={flaggedUnread ? flaggedUnreadFilters : noFilters}
      />
      {canUpload ? <UploadPanel csrfToken={csrfToken} onUploaded={refresh} /> : null}
    </div>
  );
}
