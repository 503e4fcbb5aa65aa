import Link from 'next/link';
import { commandCatalog } from '@/bin/catalog';

export default function HomePage() {
  return (
    <main>
      <h1>secondlook</h1>
      <p className="muted">
        A second-read assistant for radiologists: DICOM viewing, an ONNX classifier with Grad-CAM,
        and a tamper-evident audit trail.
      </p>
      <p>
        <Link href="/worklist">Open the worklist</Link> (radiologists) or the{' '}
        <Link href="/audit">audit trail</Link> (auditors), or read what the{' '}
        <Link href="/model">model</Link> is for and how well it did; all ask you to sign in first.
      </p>
      <h2>Command line</h2>
      <dl aria-label="CLI commands">
        {commandCatalog.map((entry) => (
          <div key={entry.name}>
            <dt>
              <code>{entry.usage}</code>
            </dt>
            <dd>{entry.summary}</dd>
          </div>
        ))}
      </dl>
    </main>
  );
}
