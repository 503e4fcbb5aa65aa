/**
 * The commands of the `secondlook` CLI, as data. `bin/main.ts` loads `bin/commands/<name>.ts`
 * (which exports `command: Command`) for a name listed here; the home page lists the same
 * entries.
 */
export interface CommandEntry {
  name: string;
  usage: string;
  summary: string;
}

export const commandCatalog: readonly CommandEntry[] = [
  {
    name: 'demo',
    usage: 'secondlook demo --out DIR [--json]',
    summary:
      'Write the demo study set (a chest CT phantom and two chest radiographs) as DICOM files.',
  },
  {
    name: 'classify',
    usage: 'secondlook classify <file.dcm|file.png ...> [--model DIR] [--json] [--cam out.png]',
    summary:
      'Score images with the model: calibrated probabilities, findings per operating point, intended-use reasons, Grad-CAM peak; --cam writes the overlay.',
  },
  {
    name: 'eval',
    usage: 'secondlook eval --split val|test [--model DIR] [--data NPZ] [--json]',
    summary:
      "Evaluate the model on a PneumoniaMNIST split with onnxruntime-node and print the model card's metrics.",
  },
  {
    name: 'inspect',
    usage: 'secondlook inspect <file|dir> [--json]',
    summary:
      'Print the DICOM metadata record of a file, or of every file under a folder (bad files are reported and skipped: exit 1).',
  },
  {
    name: 'decode',
    usage: 'secondlook decode <file> [--frame N] --out F [--json]',
    summary:
      'Decode one frame (0-based) to raw little-endian samples (stored values, or RGB for colour) and print its shape and dtype.',
  },
];
