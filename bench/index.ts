/**
 * `npm run bench`: runs every stage in bench/stages/ (or those named on the command line) in
 * file-name order. Each stage prints its own ratios against the peers it names.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface BenchStage {
  name: string;
  run(): Promise<void>;
}

async function runStages(selected: string[]): Promise<void> {
  const dir = path.join(__dirname, 'stages');
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .sort();
  for (const file of files) {
    const { stage } = (await import(path.join(dir, file))) as { stage: BenchStage };
    if (selected.length > 0 && !selected.includes(stage.name)) continue;
    console.log(`\n## ${stage.name}`);
    await stage.run();
  }
}

void runStages(process.argv.slice(2));
