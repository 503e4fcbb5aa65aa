import Link from 'next/link';
import { LetGoOfHeldKeys } from '@/app/_components/viewer/LetGoOfHeldKeys';

/** A study id that is not in the store (a stale link or bookmark, a typed address): 404. */
export default function StudyNotFound() {
  return (
    <main className="narrow">
      <LetGoOfHeldKeys />
      <h1>404: no such study</h1>
      <p>
        This study is not in secondlook. The link may be out of date, or meant for another server.
      </p>
      <Link href="/worklist">Back to the worklist</Link>
    </main>
  );
}
