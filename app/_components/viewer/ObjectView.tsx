/**
 * A series of objects that are neither images nor structured reports (an RT structure set, a
 * presentation state, a waveform), where the images would be: what they are, that they cannot be
 * shown here, and where their contents can be read.
 */
export function ObjectView({
  name,
  count,
  tagsKey,
}: {
  name: string;
  count: number;
  tagsKey: string | undefined;
}) {
  const these =
    count === 1 ? 'This object is not an image' : `These ${count} objects are not images`;
  return (
    <section className="report-view" aria-label="Not an image">
      <article aria-label={`Object: ${name}`}>
        <h2>{name}</h2>
        <p>
          {these}: the viewer shows images and structured reports.
          {tagsKey ? (
            <>
              {' '}
              Press <kbd>{tagsKey}</kbd> to list every element.
            </>
          ) : null}
        </p>
      </article>
    </section>
  );
}
