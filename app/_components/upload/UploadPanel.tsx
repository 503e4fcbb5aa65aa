'use client';

import { useState, type DragEvent } from 'react';
import { filesFromDrop, filesFromInput, type PickedFile } from './collect-files';
import { sendFile, type UploadResult } from './send-file';

const statusLabels: Record<UploadResult['status'], string> = {
  stored: 'Stored',
  duplicate: 'Duplicate',
  conflict: 'Conflict',
  failed: 'Failed',
};

function reasonOf(result: UploadResult): string {
  if (!result.error) return '';
  const at = result.error.offset == null ? '' : ` (byte ${result.error.offset})`;
  return `${result.error.code}: ${result.error.message}${at}`;
}

/**
 * Drop zone and pickers (files, or a whole folder) that send each file to the store in turn,
 * with one progress bar over all bytes and one result row per file.
 */
export function UploadPanel({
  csrfToken,
  onUploaded,
}: {
  csrfToken: string;
  /** Called as files are stored (the worklist refreshes on it). */
  onUploaded?: () => void;
}) {
  const [results, setResults] = useState<UploadResult[]>([]);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [dragging, setDragging] = useState(false);

  async function upload(files: PickedFile[]) {
    if (files.length === 0) return;
    const total = files.reduce((sum, picked) => sum + picked.file.size, 0);
    let done = 0;
    setResults([]);
    setProgress({ loaded: 0, total });
    for (const picked of files) {
      const result = await sendFile(picked, csrfToken, (loaded) =>
        setProgress({ loaded: done + loaded, total }),
      );
      done += picked.file.size;
      setResults((previous) => [...previous, result]);
      if (result.status === 'stored') onUploaded?.();
    }
    setProgress({ loaded: total, total });
    onUploaded?.();
  }

  async function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    await upload(await filesFromDrop(event.dataTransfer));
  }

  const busy = progress !== null && progress.loaded < progress.total;
  return (
    <section aria-labelledby="upload-heading" className="upload-panel">
      <h2 id="upload-heading">Upload</h2>
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => void onDrop(event)}
      >
        <p>Drop DICOM files or folders here, or choose them:</p>
        <label>
          DICOM files
          <input
            type="file"
            multiple
            disabled={busy}
            onChange={(event) => void upload(filesFromInput(event.target.files))}
          />
        </label>
        <label>
          DICOM folder
          <input
            type="file"
            disabled={busy}
            ref={(input) => input?.setAttribute('webkitdirectory', '')}
            onChange={(event) => void upload(filesFromInput(event.target.files))}
          />
        </label>
      </div>
      {progress ? (
        <label className="upload-progress">
          Upload progress
          <progress max={Math.max(1, progress.total)} value={progress.loaded} />
          <span>
            {results.length} file{results.length === 1 ? '' : 's'} done
          </span>
        </label>
      ) : null}
      {results.length > 0 ? (
        <table aria-label="Upload results">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Result</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {results.map((result, index) => (
              <tr key={`${index}-${result.file}`} data-status={result.status}>
                <td>{result.file}</td>
                <td>{statusLabels[result.status]}</td>
                <td>{reasonOf(result)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
