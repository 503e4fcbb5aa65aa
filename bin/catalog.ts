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
    usage:
      'secondlook classify <file.dcm|file.png ...> [--model DIR] [--json] [--cam out.png] [--sc out.dcm] [--sr out.dcm]',
    summary:
      'Score images with the model: calibrated probabilities, findings per operating point, intended-use reasons, Grad-CAM peak; --cam writes the overlay, --sc and --sr the Secondary Capture and structured report a PACS would get.',
  },
  {
    name: 'eval',
    usage: 'secondlook eval --split val|test [--model DIR] [--data NPZ] [--json]',
    summary:
      "Evaluate the model on a PneumoniaMNIST split with onnxruntime-node and print the model card's metrics.",
  },
  {
    name: 'probe',
    usage:
      'secondlook probe [--split val|test] [--model DIR] [--data NPZ] [--frame W ...] [--box ROWS:COLS ...] [--json]',
    summary:
      "Occlusion probes for auditors: the AUC with a frame at the edge or a box (default: the model card's, the lungs among them) set to each image's mean, and the calls that change.",
  },
  {
    name: 'faithfulness',
    usage:
      'secondlook faithfulness [--split val|test] [--limit N] [--point NAME] [--model DIR] [--data NPZ] [--json]',
    summary:
      'For auditors, whether the maps show what the model uses: over the flagged images of a PneumoniaMNIST split, the deletion game of Grad-CAM and Eigen-CAM against a random order.',
  },
  {
    name: 'render',
    usage:
      'secondlook render <file> --out F.png [--frame N] [--preset NAME | --window=C,W | --window-index N] [--invert] [--json]',
    summary:
      "Render one frame (0-based) to an 8-bit PNG through the modality LUT, VOI (the file's window or VOI LUT, a CT preset, an explicit window, or a percentile window when the file has none) and MONOCHROME1 handling.",
  },
  {
    name: 'series',
    usage: 'secondlook series <dir> [--json]',
    summary:
      'Group the DICOM files under a folder into series and stacks, ordered along the slice normal, with spacing and warnings; bad files are reported and skipped (exit 1).',
  },
  {
    name: 'inspect',
    usage: 'secondlook inspect <file|dir> [--json]',
    summary:
      'Print the DICOM metadata record of a file, or of every file under a folder (bad files are reported and skipped: exit 1).',
  },
  {
    name: 'tags',
    usage: 'secondlook tags <file> [--json]',
    summary:
      "Every element of a DICOM file, as the viewer's tag browser shows it: the file meta, then the dataset with each sequence's items indented, tag, VR, value, length and keyword (private elements with their creator); a broken file lists what was read before the break, then the error (exit 1).",
  },
  {
    name: 'decode',
    usage: 'secondlook decode <file> [--frame N] --out F [--json]',
    summary:
      'Decode one frame (0-based) to raw little-endian samples (stored values, or RGB for colour) and print its shape and dtype.',
  },
  {
    name: 'import',
    usage: 'secondlook import <file|dir ...> [--json]',
    summary:
      'Ingest DICOM files into the store (content-addressed, one transaction each); bad files are reported and skipped, exit 1 when any failed.',
  },
  {
    name: 'pacs',
    usage:
      'secondlook pacs pull|send [--url URL] [--user U] [--modality CR,DX|all] [--since YYYYMMDD|all] [--study UID] [--policy flagged|all] [--model DIR] [--json]',
    summary:
      "Pull what the store lacks of a PACS's studies over DICOMweb (QIDO-RS, WADO-RS), or send their screening results back as Secondary Captures and structured reports (STOW-RS), as the server's poller does; the password comes from SECONDLOOK_PACS_PASSWORD.",
  },
  {
    name: 'users',
    usage:
      'secondlook users add <name> --role R | users list [--json] | users set <name> [--role R] [--disable|--enable] [--password]',
    summary:
      'Manage local accounts (roles radiologist, auditor, admin); passwords from stdin or a prompt.',
  },
  {
    name: 'audit',
    usage:
      'secondlook audit verify [--json] | audit export [--from D] [--to D] --format csv|json [--out FILE] | audit saliency [--flagged] [--json]',
    summary:
      'Verify the hash-chained audit trail (names the first broken event), export it for auditors, or list positive calls whose Grad-CAM sits on the border or outside the body.',
  },
  {
    name: 'db',
    usage: 'secondlook db migrate|bootstrap [--json] | db backup --out DIR [--json]',
    summary:
      'Create and migrate the database (SQLite or DATABASE_URL); bootstrap also creates the first admin; backup copies the running store (a SQLite snapshot, or a pg_dump taken in the snapshot that lists the blobs, and the blobs) into a folder that is a data directory.',
  },
];
