/**
 * A real PACS for the PACS tests: a private Orthanc with its DICOMweb plugin
 * (scripts/orthanc-test.sh), filled through Orthanc's own REST API, not through secondlook.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/paths';
import { freePort } from '../support/ports';

const script = path.join(repoRoot, 'scripts', 'orthanc-test.sh');

export interface TestPacs {
  /** The DICOMweb root. */
  url: string;
  username: string;
  password: string;
  /** Stores a file in the PACS (Orthanc REST `POST /instances`); resolves to its study's Orthanc id. */
  store(file: string): Promise<string>;
  /** Adds an instance without pixels, with these tags, to a study (Orthanc's `create-dicom`). */
  addToStudy(orthancStudyId: string, tags: Record<string, string>): Promise<void>;
  /** Deletes the instance with this SOP Instance UID (Orthanc's `tools/lookup`, then DELETE). */
  remove(sopInstanceUID: string): Promise<void>;
  stop(): void;
}

export async function startOrthanc(): Promise<TestPacs> {
  const port = String(await freePort());
  const [url, password] = execFileSync('bash', [script, 'start', port], { encoding: 'utf8' })
    .trim()
    .split(' ') as [string, string];
  const username = 'secondlook';
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  return {
    url,
    username,
    password,
    async store(file) {
      const response = await fetch(`http://127.0.0.1:${port}/instances`, {
        method: 'POST',
        headers: { authorization },
        body: readFileSync(file),
      });
      if (!response.ok) throw new Error(`orthanc refused ${file}: HTTP ${response.status}`);
      return ((await response.json()) as { ParentStudy: string }).ParentStudy;
    },
    async addToStudy(orthancStudyId, tags) {
      const response = await fetch(`http://127.0.0.1:${port}/tools/create-dicom`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ Parent: orthancStudyId, Tags: tags }),
      });
      if (!response.ok) throw new Error(`orthanc refused create-dicom: HTTP ${response.status}`);
    },
    async remove(sopInstanceUID) {
      const root = `http://127.0.0.1:${port}`;
      const found = (await (
        await fetch(`${root}/tools/lookup`, {
          method: 'POST',
          headers: { authorization },
          body: sopInstanceUID,
        })
      ).json()) as { ID: string; Type: string }[];
      const instance = found.find((hit) => hit.Type === 'Instance');
      if (!instance) throw new Error(`orthanc holds no instance ${sopInstanceUID}`);
      const response = await fetch(`${root}/instances/${instance.ID}`, {
        method: 'DELETE',
        headers: { authorization },
      });
      if (!response.ok) throw new Error(`orthanc refused the delete: HTTP ${response.status}`);
    },
    stop() {
      execFileSync('bash', [script, 'stop', port], { stdio: 'ignore' });
    },
  };
}
