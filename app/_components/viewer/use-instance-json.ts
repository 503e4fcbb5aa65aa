import { useEffect, useState } from 'react';
import { ApiError, apiJson } from '../api-client';

/** What a route about one instance answered, or why it did not. */
type InstanceAnswer<T> = { value: T } | { failure: string };

/**
 * `GET /api/instances/:id/<what>` for the instance given, asked again when it changes: null
 * while asked. An answer that comes for an instance no longer given is dropped.
 */
export function useInstanceJson<T>(
  instanceId: string,
  what: 'tags' | 'report' | 'presentation',
): InstanceAnswer<T> | null {
  const [read, setRead] = useState<({ instanceId: string } & InstanceAnswer<T>) | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    apiJson<T>(`/api/instances/${instanceId}/${what}`, { signal: controller.signal }).then(
      (value) => setRead({ instanceId, value }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure =
          error instanceof ApiError ? `${error.code}: ${error.message}` : String(error);
        setRead({ instanceId, failure });
      },
    );
    return () => controller.abort();
  }, [instanceId, what]);
  return read?.instanceId === instanceId ? read : null;
}
