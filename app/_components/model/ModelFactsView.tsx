import type { ModelFacts } from '@/lib/inference';

const fixed = (value: number, digits = 3) => value.toFixed(digits);

/** The model's facts for a reader or an auditor: what it is for, how well it did, what it reads. */
export function ModelFactsView({ facts }: { facts: ModelFacts }) {
  const { identity, intendedUse: use, test, val, probes } = facts;
  const card = `/models/${identity.id}/MODEL_CARD.md`;
  return (
    <>
      <p>
        {facts.name}: <strong>{identity.id}</strong> {identity.version}, model.onnx sha256{' '}
        <code>{identity.sha256}</code>. The full <a href={card}>model card</a> says how it was
        trained and what was tried.
      </p>

      <h2>Intended use</h2>
      <dl aria-label="Intended use">
        <dt>Use</dt>
        <dd>{use.use}</dd>
        <dt>Images</dt>
        <dd>
          {use.modalities.join(', ')} {use.bodyPart.toLowerCase()}, {use.views.join(' or ')} views,
          at least {use.minimumImageSize.rows} x {use.minimumImageSize.columns} pixels; anything
          else is shown as out of scope, not scored
        </dd>
        <dt>Population</dt>
        <dd>{use.population}</dd>
        {facts.labels.map((label) => (
          <div key={label.name}>
            <dt>Label &ldquo;{label.name}&rdquo;</dt>
            <dd>{label.definition}</dd>
          </div>
        ))}
      </dl>

      <h2>How well it did</h2>
      <p>
        Test split, read once for this release: AUC <strong>{fixed(test.auc, 4)}</strong> (95% CI{' '}
        {fixed(test.aucCi95.low, 4)}-{fixed(test.aucCi95.high, 4)}), {test.n} images (
        {test.positives} pneumonia), calibration error (ECE) {fixed(test.ece15)}. On val, where the
        thresholds were chosen, AUC {fixed(val.auc, 4)}: expect new images to score nearer the test
        figures.
      </p>
      <table aria-label="Operating points">
        <thead>
          <tr>
            <th scope="col">operating point</th>
            <th scope="col">flags when p &ge;</th>
            <th scope="col">chosen as</th>
            <th scope="col">val sensitivity / specificity</th>
            <th scope="col">test accuracy</th>
            <th scope="col">test sensitivity / specificity</th>
          </tr>
        </thead>
        <tbody>
          {facts.operatingPoints.map((point) => {
            const onVal = val.operatingPoints[point.name]!;
            const onTest = test.operatingPoints[point.name]!;
            return (
              <tr key={point.name}>
                <th scope="row">{point.name}</th>
                <td>{fixed(point.threshold)}</td>
                <td>{point.rule}</td>
                <td>
                  {fixed(onVal.sensitivity)} / {fixed(onVal.specificity)}
                </td>
                <td>{fixed(onTest.accuracy)}</td>
                <td>
                  {fixed(onTest.sensitivity)} / {fixed(onTest.specificity)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {probes ? (
        <>
          <h2>What it reads</h2>
          <p>
            Occlusion probes on {probes.split} (AUC {fixed(probes.asGiven, 4)} as given): each
            region set to the image&apos;s own mean grey level. A large drop for the edge means it
            reads the border; an AUC far above 0.5 with the lungs hidden means it ranks from
            something outside them. <code>secondlook probe</code> recomputes these and probes any
            other region.
          </p>
          <table aria-label="Occlusion probes">
            <thead>
              <tr>
                <th scope="col">hidden</th>
                <th scope="col">AUC</th>
              </tr>
            </thead>
            <tbody>
              {probes.results.map((result) => (
                <tr key={result.name}>
                  <th scope="row">{result.name}</th>
                  <td>{fixed(result.auc, 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
