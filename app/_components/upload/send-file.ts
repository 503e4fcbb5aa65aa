/**
 * Sends one file to `POST /api/studies/upload` with XMLHttpRequest, which (unlike fetch)
 * reports upload progress. Resolves with the server's per-file result, or a failed result;
 * never rejects.
 */
import type { PickedFile } from './collect-files';

type UploadStatus = 'stored' | 'duplicate' | 'conflict' | 'failed';

/** One file's result, as the README's ImportResult. */
export interface UploadResult {
  file: string;
  status: UploadStatus;
  studyId?: number;
  error?: { code: string; message: string; offset?: number | null };
}

interface UploadBody {
  results?: UploadResult[];
  error?: { code: string; message: string };
}

function resultOf(picked: PickedFile, status: number, body: UploadBody): UploadResult {
  const first = body.results?.[0];
  if (status >= 200 && status < 300 && first) return { ...first, file: picked.path };
  return {
    file: picked.path,
    status: 'failed',
    error: body.error ?? { code: `HTTP_${status}`, message: 'the upload failed' },
  };
}

export function sendFile(
  picked: PickedFile,
  csrfToken: string,
  onProgress: (loaded: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/studies/upload');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      onProgress(picked.file.size);
      resolve(resultOf(picked, xhr.status, (xhr.response ?? {}) as UploadBody));
    };
    xhr.onerror = () =>
      resolve(resultOf(picked, 0, { error: { code: 'NETWORK', message: 'network error' } }));
    const form = new FormData();
    form.append('files', picked.file, picked.path);
    xhr.send(form);
  });
}
