/**
 * DICOM SR content items (PS3.3 C.17.3) as datasets for the Part 10 writer: a coded concept, and
 * items of the value types a measurement report uses (CONTAINER, CODE, TEXT, UIDREF, PNAME, NUM,
 * SCOORD, IMAGE), each with its relationship to its parent. Children become the item's Content
 * Sequence.
 */
import type { WritableElement } from '../dicom';
import { sopReference } from './source-attributes';

/** A coded concept: (code value, coding scheme designator, code meaning). */
export interface Code {
  value: string;
  scheme: string;
  meaning: string;
}

export type Relationship = 'CONTAINS' | 'HAS CONCEPT MOD' | 'HAS OBS CONTEXT' | 'SELECTED FROM';

/** A content item: its relationship to its parent, and its value type, concept name and value. */
export type ContentItem = { relationship: Relationship; elements: WritableElement[] };

const TAG = {
  codeValue: 0x00080100,
  codingSchemeDesignator: 0x00080102,
  codeMeaning: 0x00080104,
  referencedFrameNumber: 0x00081160,
  referencedSopSequence: 0x00081199,
  graphicData: 0x00700022,
  graphicType: 0x00700023,
  personName: 0x0040a123,
  unitsCodeSequence: 0x004008ea,
  relationshipType: 0x0040a010,
  valueType: 0x0040a040,
  conceptNameCodeSequence: 0x0040a043,
  continuityOfContent: 0x0040a050,
  uid: 0x0040a124,
  textValue: 0x0040a160,
  conceptCodeSequence: 0x0040a168,
  measuredValueSequence: 0x0040a300,
  numericValue: 0x0040a30a,
  contentTemplateSequence: 0x0040a504,
  contentSequence: 0x0040a730,
  mappingResource: 0x00080105,
  mappingResourceUid: 0x00080118,
  templateIdentifier: 0x0040db00,
} as const;

/** The DICOM Content Mapping Resource, whose templates (TID) a container may name. */
const DCMR_UID = '1.2.840.10008.8.1.1';

/** A code as one item of a code sequence. */
function codeItem(code: Code): WritableElement[] {
  return [
    { tag: TAG.codeValue, vr: 'SH', value: code.value },
    { tag: TAG.codingSchemeDesignator, vr: 'SH', value: code.scheme },
    { tag: TAG.codeMeaning, vr: 'LO', value: code.meaning },
  ];
}

const codeSequence = (tag: number, code: Code): WritableElement => ({
  tag,
  vr: 'SQ',
  value: [codeItem(code)],
});

function item(
  relationship: Relationship,
  valueType: string,
  concept: Code | null,
  value: WritableElement[],
  children: readonly ContentItem[] = [],
): ContentItem {
  return {
    relationship,
    elements: [
      { tag: TAG.valueType, vr: 'CS', value: valueType },
      ...(concept ? [codeSequence(TAG.conceptNameCodeSequence, concept)] : []),
      ...value,
      ...(children.length > 0 ? [contentSequence(children)] : []),
    ],
  };
}

/** Children as a Content Sequence, each item with its relationship. */
function contentSequence(children: readonly ContentItem[]): WritableElement {
  return {
    tag: TAG.contentSequence,
    vr: 'SQ',
    value: children.map((child): WritableElement[] => [
      { tag: TAG.relationshipType, vr: 'CS', value: child.relationship },
      ...child.elements,
    ]),
  };
}

/** The attributes of a CONTAINER (also the root's, at the top of the dataset). */
export function containerAttributes(
  concept: Code,
  children: readonly ContentItem[],
  template?: string,
): WritableElement[] {
  return [
    { tag: TAG.valueType, vr: 'CS', value: 'CONTAINER' },
    codeSequence(TAG.conceptNameCodeSequence, concept),
    { tag: TAG.continuityOfContent, vr: 'CS', value: 'SEPARATE' },
    ...(template
      ? [
          {
            tag: TAG.contentTemplateSequence,
            vr: 'SQ' as const,
            value: [
              [
                { tag: TAG.mappingResource, vr: 'CS' as const, value: 'DCMR' },
                { tag: TAG.mappingResourceUid, vr: 'UI' as const, value: DCMR_UID },
                { tag: TAG.templateIdentifier, vr: 'CS' as const, value: template },
              ],
            ],
          },
        ]
      : []),
    contentSequence(children),
  ];
}

export function container(
  relationship: Relationship,
  concept: Code,
  children: readonly ContentItem[],
  template?: string,
): ContentItem {
  return { relationship, elements: containerAttributes(concept, children, template) };
}

/** A CODE item. */
export function codeContent(relationship: Relationship, concept: Code, value: Code): ContentItem {
  return item(relationship, 'CODE', concept, [codeSequence(TAG.conceptCodeSequence, value)]);
}

export function textContent(relationship: Relationship, concept: Code, text: string): ContentItem {
  return item(relationship, 'TEXT', concept, [{ tag: TAG.textValue, vr: 'UT', value: text }]);
}

export function uidContent(relationship: Relationship, concept: Code, uid: string): ContentItem {
  return item(relationship, 'UIDREF', concept, [{ tag: TAG.uid, vr: 'UI', value: uid }]);
}

/** A NUM item: the value as DS (at most 16 characters) in the units given (UCUM), with children. */
export function numContent(
  relationship: Relationship,
  concept: Code,
  value: number,
  units: Code,
  children: readonly ContentItem[] = [],
): ContentItem {
  return item(
    relationship,
    'NUM',
    concept,
    [
      {
        tag: TAG.measuredValueSequence,
        vr: 'SQ',
        value: [
          [
            codeSequence(TAG.unitsCodeSequence, units),
            { tag: TAG.numericValue, vr: 'DS', value: decimalString(value) },
          ],
        ],
      },
    ],
    children,
  );
}

/** A PNAME item: a person's name (PN). */
export function personContent(
  relationship: Relationship,
  concept: Code,
  name: string,
): ContentItem {
  return item(relationship, 'PNAME', concept, [{ tag: TAG.personName, vr: 'PN', value: name }]);
}

/**
 * An IMAGE item with no concept name, naming an instance and, of a multi-frame one, the frame
 * (1-based).
 */
export function imageContent(
  relationship: Relationship,
  sop: { sopClassUID: string; sopInstanceUID: string },
  frame?: number,
): ContentItem {
  const reference = [
    ...sopReference(sop),
    ...(frame === undefined
      ? []
      : [{ tag: TAG.referencedFrameNumber, vr: 'IS' as const, value: String(frame) }]),
  ];
  return item(relationship, 'IMAGE', null, [
    { tag: TAG.referencedSopSequence, vr: 'SQ', value: [reference] },
  ]);
}

export type GraphicType = 'POINT' | 'POLYLINE' | 'ELLIPSE';

/**
 * A SCOORD item: points on an image as (column, row) with 0, 0 the top left corner of the top left
 * pixel (PS3.3 C.18.6.1.1), selected from the image its IMAGE child names.
 */
export function scoordContent(
  relationship: Relationship,
  concept: Code | null,
  graphicType: GraphicType,
  points: readonly (readonly [number, number])[],
  image: ContentItem,
): ContentItem {
  return item(
    relationship,
    'SCOORD',
    concept,
    [
      { tag: TAG.graphicData, vr: 'FL', value: Float32Array.from(points.flat()) },
      { tag: TAG.graphicType, vr: 'CS', value: graphicType },
    ],
    [image],
  );
}

/**
 * A number as a DICOM DS: at most 16 characters, as many significant digits as fit (a
 * probability keeps 14 decimals).
 */
export function decimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a decimal string`);
  for (let digits = 15; digits >= 1; digits--) {
    const text = String(Number(value.toPrecision(digits)));
    if (text.length <= 16) return text;
  }
  return value.toExponential(8);
}
