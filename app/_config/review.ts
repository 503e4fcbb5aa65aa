/** The review form's choices as data (confounder values as app/api/README.md names them). */
export const verdicts = [
  { value: 'agree', label: 'Agree' },
  { value: 'disagree', label: 'Disagree' },
  { value: 'uncertain', label: 'Uncertain' },
] as const;

export type Verdict = (typeof verdicts)[number]['value'];

export const confounderKinds = [
  { value: 'text-marker', label: 'Text or marker' },
  { value: 'tube-or-line', label: 'Tube or line' },
  { value: 'image-border', label: 'Image border' },
  { value: 'outside-body', label: 'Outside the body' },
  { value: 'other', label: 'Other' },
] as const;
