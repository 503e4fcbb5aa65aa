/**
 * What a series holds, from its instances' SOP classes and whether they have Rows: images, shown
 * in the viewport; structured reports, shown as text; PDF documents, shown as PDFs; grayscale
 * presentation states, listed to apply; or other objects, named by their class.
 */
import { describe, expect, it } from 'vitest';
import { seriesContent } from '../../app/_components/study/to-viewer-study';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const BASIC_TEXT_SR = '1.2.840.10008.5.1.4.1.1.88.11';
const KEY_OBJECT_SELECTION = '1.2.840.10008.5.1.4.1.1.88.59';
const RT_STRUCTURE_SET = '1.2.840.10008.5.1.4.1.1.481.3';
const ENCAPSULATED_PDF = '1.2.840.10008.5.1.4.1.1.104.1';
const ENCAPSULATED_CDA = '1.2.840.10008.5.1.4.1.1.104.2';
const GRAYSCALE_PRESENTATION_STATE = '1.2.840.10008.5.1.4.1.1.11.1';
const COLOR_PRESENTATION_STATE = '1.2.840.10008.5.1.4.1.1.11.2';
const image = { rows: 512, sopClassUID: CT };
const none = (sopClassUID: string) => ({ rows: null, sopClassUID });

describe('seriesContent', () => {
  it('holds images where any instance has rows', () => {
    expect(seriesContent([image, image])).toEqual({ content: 'images', objectClass: '' });
    expect(seriesContent([none(BASIC_TEXT_SR), image])).toEqual({
      content: 'images',
      objectClass: '',
    });
  });

  it('holds reports where every instance is an SR, a key object selection included', () => {
    expect(seriesContent([none(BASIC_TEXT_SR), none(KEY_OBJECT_SELECTION)])).toEqual({
      content: 'report',
      objectClass: '',
    });
  });

  it('holds documents where every instance is an Encapsulated PDF', () => {
    expect(seriesContent([none(ENCAPSULATED_PDF)])).toEqual({
      content: 'document',
      objectClass: '',
    });
    // A CDA document is XML the viewer does not show: an object, named.
    expect(seriesContent([none(ENCAPSULATED_CDA)])).toEqual({
      content: 'object',
      objectClass: 'Encapsulated CDA',
    });
  });

  it('holds presentation states where every instance is a grayscale one', () => {
    expect(seriesContent([none(GRAYSCALE_PRESENTATION_STATE)])).toEqual({
      content: 'presentation',
      objectClass: '',
    });
    // A colour presentation state (an ICC profile for colour images) is not applied: an object.
    expect(seriesContent([none(COLOR_PRESENTATION_STATE)])).toEqual({
      content: 'object',
      objectClass: 'Color Softcopy Presentation State',
    });
  });

  it("holds objects, named by the first one's class, where none is an image or all reports", () => {
    expect(seriesContent([none(RT_STRUCTURE_SET)])).toEqual({
      content: 'object',
      objectClass: 'RT Structure Set',
    });
    expect(seriesContent([none('1.2.3.4'), none(BASIC_TEXT_SR)])).toEqual({
      content: 'object',
      objectClass: '1.2.3.4',
    });
  });
});
