/**
 * A DICOMweb client for a PACS: QIDO-RS searches (DICOM JSON), WADO-RS retrieval of single
 * instances as stored (`transfer-syntax=*`) and STOW-RS storage of instances into a study, over
 * HTTP(S) with optional basic authentication. Every failure is a coded SecondlookError naming the
 * request (the PACS's path, never credentials): PACS_UNREACHABLE, PACS_AUTH, PACS_HTTP,
 * PACS_RESPONSE, PACS_REJECTED, TOO_LARGE.
 * UIDs that go into a request path are checked first, so a PACS cannot steer a request elsewhere.
 */
import { SecondlookError } from '../errors';
import { numberOf, stringOf, type DicomJsonDataset } from './dicom-json';
import { joinMultipart, splitMultipart } from './multipart';

export interface DicomWebConfig {
  /** The DICOMweb root, e.g. `https://pacs.example/dicom-web`. */
  url: string;
  username?: string;
  password?: string;
  /** Largest instance accepted, in bytes. */
  maxInstanceBytes: number;
  /** Milliseconds before a request is given up. */
  timeoutMs: number;
}

const UID = /^[0-9]+(\.[0-9]+)*$/;

/** STOW-RS answer attributes (PS3.18 10.5.3): Referenced / Failed SOP Sequence and their items. */
const REFERENCED_SOP = '00081199';
const FAILED_SOP = '00081198';
const SOP_INSTANCE_REF = '00081155';
const FAILURE_REASON = '00081197';

/** A UID fit for a request path (PS3.5 9.1: digits and dots, at most 64 characters). */
export function checkUid(uid: string, where: string): string {
  if (uid.length > 64 || !UID.test(uid)) {
    throw new SecondlookError('PACS_RESPONSE', `not a DICOM UID: '${uid.slice(0, 80)}'`, {
      file: where,
    });
  }
  return uid;
}

/** A QIDO-RS answer; `truncated` when the PACS said it holds more matches than it sent. */
export interface SearchResult {
  datasets: DicomJsonDataset[];
  truncated: boolean;
}

/**
 * PS3.18 asks a server that sends part of the matches to say so in a Warning header (299,
 * "There are additional results that can be requested").
 */
function saysTruncated(response: Response): boolean {
  return /additional results/i.test(response.headers.get('warning') ?? '');
}

export class DicomWebClient {
  private readonly root: URL;
  private readonly authorization: string | null;

  constructor(private readonly config: DicomWebConfig) {
    let root: URL;
    try {
      root = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
    } catch {
      throw new SecondlookError('USAGE', `not a URL: '${config.url.slice(0, 200)}'`);
    }
    if (root.protocol !== 'http:' && root.protocol !== 'https:') {
      throw new SecondlookError('USAGE', 'the DICOMweb URL must be http or https');
    }
    if (root.username || root.password) {
      throw new SecondlookError('USAGE', 'give PACS credentials apart from the URL');
    }
    this.root = root;
    this.authorization =
      config.username !== undefined
        ? `Basic ${Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64')}`
        : null;
  }

  /** Where requests go, for messages: the root without credentials. */
  get origin(): string {
    return this.root.href;
  }

  /** QIDO-RS `GET studies?...`. */
  searchStudies(query: Record<string, string>): Promise<SearchResult> {
    return this.search('studies', query);
  }

  /** QIDO-RS `GET studies/{study}/instances?...`. */
  searchInstances(studyUid: string, query: Record<string, string>): Promise<SearchResult> {
    return this.search(`studies/${checkUid(studyUid, 'studies')}/instances`, query);
  }

  /** WADO-RS: one instance, as the PACS stores it. */
  async retrieveInstance(studyUid: string, seriesUid: string, sopUid: string): Promise<Uint8Array> {
    const where = `studies/${checkUid(studyUid, 'studies')}/series/${checkUid(seriesUid, 'series')}/instances/${checkUid(sopUid, 'instances')}`;
    const response = await this.request(
      where,
      'multipart/related; type="application/dicom"; transfer-syntax=*',
    );
    const body = await this.readBounded(response, where);
    const parts = splitMultipart(body, response.headers.get('content-type') ?? '', where);
    if (parts.length !== 1) {
      throw new SecondlookError('PACS_RESPONSE', `expected one instance, got ${parts.length}`, {
        file: where,
      });
    }
    return parts[0]!;
  }

  /**
   * STOW-RS `POST studies/{study}`: stores the instances (Part 10 bytes) in that study. Resolves
   * when the PACS's answer lists every one as stored; PACS_REJECTED names the first it failed
   * (with its Failure Reason) or left out.
   */
  async storeInstances(
    studyUid: string,
    instances: readonly { sopInstanceUID: string; bytes: Uint8Array }[],
  ): Promise<void> {
    const where = `studies/${checkUid(studyUid, 'studies')}`;
    const { body, contentType } = joinMultipart(instances.map((instance) => instance.bytes));
    const response = await this.request(where, 'application/dicom+json', {
      method: 'POST',
      body,
      contentType,
    });
    const text = Buffer.from(await this.readBounded(response, where)).toString('utf8');
    let answer: DicomJsonDataset = {};
    try {
      if (text.trim() !== '') answer = JSON.parse(text) as DicomJsonDataset;
    } catch {
      throw new SecondlookError('PACS_RESPONSE', 'the store answer is not JSON', { file: where });
    }
    const items = (tag: string) =>
      ((answer && typeof answer === 'object' ? answer[tag]?.Value : undefined) ?? []).filter(
        (item): item is DicomJsonDataset => Boolean(item) && typeof item === 'object',
      );
    const stored = new Set(items(REFERENCED_SOP).map((item) => stringOf(item, SOP_INSTANCE_REF)));
    const failed = new Map(
      items(FAILED_SOP).map((item) => [
        stringOf(item, SOP_INSTANCE_REF),
        numberOf(item, FAILURE_REASON),
      ]),
    );
    for (const { sopInstanceUID } of instances) {
      if (failed.has(sopInstanceUID) || !stored.has(sopInstanceUID)) {
        const reason = failed.get(sopInstanceUID);
        throw new SecondlookError(
          'PACS_REJECTED',
          reason === undefined
            ? `the PACS did not list instance ${sopInstanceUID} as stored`
            : `the PACS refused instance ${sopInstanceUID} (failure reason ${reason === null ? 'not given' : `0x${reason.toString(16).toUpperCase()}`})`,
          { file: where },
        );
      }
    }
  }

  /**
   * One search, as the PACS answers it. No `limit`/`offset` paging: Orthanc 1.10 applies them
   * before filtering on ModalitiesInStudy, so its second page of CR studies comes back empty
   * while more match; a PACS that caps its answer says so instead (`truncated`).
   */
  private async search(path: string, query: Record<string, string>): Promise<SearchResult> {
    const search = new URLSearchParams(query).toString();
    const where = search ? `${path}?${search}` : path;
    const response = await this.request(where, 'application/dicom+json');
    const truncated = saysTruncated(response);
    if (response.status === 204) return { datasets: [], truncated };
    const text = Buffer.from(await this.readBounded(response, where)).toString('utf8');
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? [] : JSON.parse(text);
    } catch {
      throw new SecondlookError('PACS_RESPONSE', 'the search answer is not JSON', { file: where });
    }
    if (!Array.isArray(parsed) || !parsed.every((item) => item && typeof item === 'object')) {
      throw new SecondlookError('PACS_RESPONSE', 'the search answer is not a list of datasets', {
        file: where,
      });
    }
    return { datasets: parsed as DicomJsonDataset[], truncated };
  }

  private async request(
    where: string,
    accept: string,
    send?: { method: 'POST'; body: Uint8Array<ArrayBuffer>; contentType: string },
  ): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (this.authorization) headers.authorization = this.authorization;
    if (send) headers['content-type'] = send.contentType;
    let response: Response;
    try {
      response = await fetch(new URL(where, this.root), {
        method: send?.method ?? 'GET',
        body: send?.body,
        headers,
        redirect: 'error',
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new SecondlookError(
        'PACS_UNREACHABLE',
        timedOut
          ? `the PACS did not answer within ${this.config.timeoutMs} ms`
          : `cannot reach the PACS at ${this.root.origin}`,
        { file: where },
      );
    }
    // A STOW-RS 409 (none stored) still says why, per instance, in its body.
    if (response.ok || (send && response.status === 409)) return response;
    await response.body?.cancel();
    if (response.status === 401 || response.status === 403) {
      throw new SecondlookError(
        'PACS_AUTH',
        `the PACS refused the credentials (HTTP ${response.status})`,
        {
          file: where,
        },
      );
    }
    throw new SecondlookError('PACS_HTTP', `the PACS answered HTTP ${response.status}`, {
      file: where,
    });
  }

  /** The whole body, refused as soon as it passes the instance size limit. */
  private async readBounded(response: Response, where: string): Promise<Uint8Array> {
    const limit = this.config.maxInstanceBytes;
    const declared = Number(response.headers.get('content-length'));
    const tooLarge = () =>
      new SecondlookError('TOO_LARGE', `the answer is over the limit of ${limit} bytes`, {
        file: where,
      });
    if (Number.isFinite(declared) && declared > limit) {
      await response.body?.cancel();
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (!response.body) return new Uint8Array(0);
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > limit) {
          await reader.cancel();
          throw tooLarge();
        }
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof SecondlookError) throw error;
      throw new SecondlookError('PACS_UNREACHABLE', 'the PACS connection broke mid-answer', {
        file: where,
      });
    }
    return new Uint8Array(Buffer.concat(chunks));
  }
}
