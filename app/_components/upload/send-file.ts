/**
 * Sends one file to `POST /api/upload` with XMLHttpRequest, which (unlike fetch) reports upload
 * progress. Resolves with the server's per-file result, or an error result; never rejects.
 */
import type { PickedFile } from './collect-files';

export type UploadStatus = 'stored' | 'duplicate' | 'conflict' | 'error';

export interface UploadResult {
  name: string;
  status: UploadStatus;
  code: string | null;
  message: string | null;
  studyId: string | null;
}

interface UploadBody {
  results?: Partial<UploadResult>[];
  error?: { code?: string; message?: string };
}

function resultOf(picked: PickedFile, status: number, body: UploadBody): UploadResult {
  const first = body.results?.[0];
  if (status >= 200 && status < 300 && first?.status) {
    return {
      name: picked.path,
      status: first.status,
      code: first.code ?? null,
      message: first.message ?? null,
      studyId: first.studyId ?? null,
    };
  }
  return {
    name: picked.path,
    status: 'error',
    code: body.error?.code ?? first?.code ?? `HTTP_${status}`,
    message: body.error?.message ?? first?.message ?? 'the upload failed',
    studyId: null,
  };
}

export function sendFile(
  picked: PickedFile,
  csrfToken: string,
  onProgress: (loaded: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/upload');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      onProgress(picked.file.size);
      resolve(resultOf(picked, xhr.status, (xhr.response ?? {}) as UploadBody));
    };
    xhr.onerror = () => resolve(resultOf(picked, 0, { error: { message: 'network error' } }));
    const form = new FormData();
    form.append('files', picked.file, picked.path);
    xhr.send(form);
  });
}
