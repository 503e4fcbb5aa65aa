/** How large an ingested file and an upload request may be: one reading for the upload route and the PACS poller. */
const MB = 1 << 20;

export interface IngestLimits {
  /** SECONDLOOK_UPLOAD_MAX_FILE_MB (256): one file uploaded or one instance pulled from a PACS. */
  maxFileBytes: number;
  /** SECONDLOOK_UPLOAD_MAX_REQUEST_MB (1024): one upload request. */
  maxRequestBytes: number;
}

export function ingestLimits(env: Record<string, string | undefined> = process.env): IngestLimits {
  const megabytes = (name: string, fallback: number) => (Number(env[name]) || fallback) * MB;
  return {
    maxFileBytes: megabytes('SECONDLOOK_UPLOAD_MAX_FILE_MB', 256),
    maxRequestBytes: megabytes('SECONDLOOK_UPLOAD_MAX_REQUEST_MB', 1024),
  };
}
