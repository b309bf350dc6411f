/** A .docx's text for assertions: its paragraphs, Word's runs and tags stripped. */
import PizZip from 'pizzip';

export function docxText(content: Buffer): string {
  const xml = new PizZip(content).file('word/document.xml')!.asText();
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
