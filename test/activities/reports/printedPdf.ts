/**
 * Printing a produced file the way a recipient's office program would: LibreOffice converts it to
 * PDF (headless, with a profile of its own so parallel runs do not collide), and poppler's tools
 * read the PDF back: page sizes (pdfinfo), the text of each page as laid out (pdftotext -layout),
 * in drawing order (-raw) and word by word with its box (-bbox), and every font size the pages
 * use (the Tf operators of the page streams).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

const TOOLS = ['soffice', 'pdftotext', 'pdfinfo'] as const;

/** The tools this needs that the machine lacks (.ci/run installs them: LibreOffice, poppler-utils). */
export function missingPrintTools(): string[] {
  return TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
}

/** Converts the files to PDF in `outDir` with one LibreOffice process; returns each PDF's path, by input path. */
export function convertToPdf(files: string[], outDir: string): Map<string, string> {
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${path.join(outDir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files],
    { encoding: 'utf8', timeout: 300_000 },
  );
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  return new Map(files.map((f) => [f, path.join(outDir, `${path.basename(f, path.extname(f))}.pdf`)]));
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PrintedPage {
  /** Points. */
  width: number;
  height: number;
  /** The page's text as laid out (pdftotext -layout): a line of the PDF is a line here. */
  layout: string;
  /** The page's text in drawing order (pdftotext -raw): a table cell's lines come one after the other. */
  raw: string;
  words: Word[];
}

export interface PrintedPdf {
  pages: PrintedPage[];
  /** Every font size (pt) a page stream sets, smallest first. */
  fontSizes: number[];
  /** Text-positioning operators that would scale text beyond its Tf size (none in LibreOffice's output). */
  scalingOperators: number;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** pdftotext puts a form feed after each page. */
const byPage = (text: string) => text.split('\f').slice(0, -1);

function fontSizesOf(file: string): { sizes: number[]; scaling: number } {
  const pdf = readFileSync(file);
  const s = pdf.toString('latin1');
  const sizes = new Set<number>();
  let scaling = 0;
  for (const m of s.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a deflated stream (or a font program)
    }
    // A page's content stream sets fonts (a font program inflates too, and may hold any bytes).
    const fonts = [...content.matchAll(/\/F\d+\s+(-?[\d.]+)\s+Tf\b/g)];
    if (fonts.length === 0) continue;
    for (const tf of fonts) sizes.add(Number(tf[1]));
    // A matrix that scales (Tm, cm) or a horizontal scaling (Tz) would draw text at another size than its Tf.
    for (const op of content.matchAll(/(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+-?[\d.]+\s+-?[\d.]+\s+(?:Tm|cm)\b/g)) {
      if (Math.abs(Number(op[1])) !== 1 || Math.abs(Number(op[4])) !== 1) scaling++;
    }
    for (const tz of content.matchAll(/(-?[\d.]+)\s+Tz\b/g)) if (Number(tz[1]) !== 100) scaling++;
  }
  return { sizes: [...sizes].sort((a, b) => a - b), scaling };
}

export function readPrintedPdf(file: string): PrintedPdf {
  const info = run('pdfinfo', ['-f', '1', '-l', '100000', file]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  const layout = byPage(run('pdftotext', ['-layout', file, '-']));
  const raw = byPage(run('pdftotext', ['-raw', file, '-']));
  const bbox = run('pdftotext', ['-bbox', file, '-'])
    .split('<page ')
    .slice(1)
    .map((p) =>
      [...p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
        xMin: Number(w[1]),
        yMin: Number(w[2]),
        xMax: Number(w[3]),
        yMax: Number(w[4]),
        text: w[5].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
      })),
    );
  if (sizes.length !== layout.length || raw.length !== layout.length || bbox.length !== layout.length) {
    throw new Error(`${file}: pdfinfo and pdftotext disagree on the page count`);
  }
  const { sizes: fontSizes, scaling } = fontSizesOf(file);
  return {
    pages: sizes.map((s, i) => ({ ...s, layout: layout[i], raw: raw[i], words: bbox[i] })),
    fontSizes,
    scalingOperators: scaling,
  };
}

/** A4 in points, either way up. */
export const A4 = { short: 595.3, long: 841.9 };
export const isA4 = (p: { width: number; height: number }, landscape: boolean) =>
  Math.abs((landscape ? p.width : p.height) - A4.long) < 1 && Math.abs((landscape ? p.height : p.width) - A4.short) < 1;

/** Pairs of words on a page whose boxes overlap: text drawn over text (a row too low for its wrapped text). */
export function overlappingWords(page: PrintedPage): [string, string][] {
  const out: [string, string][] = [];
  const w = page.words;
  for (let i = 0; i < w.length; i++) {
    for (let j = i + 1; j < w.length; j++) {
      const x = Math.min(w[i].xMax, w[j].xMax) - Math.max(w[i].xMin, w[j].xMin);
      const y = Math.min(w[i].yMax, w[j].yMax) - Math.max(w[i].yMin, w[j].yMin);
      if (x > 1 && y > 2) out.push([w[i].text, w[j].text]);
    }
  }
  return out;
}

/** Lines of the page holding the string whole (as one piece of a laid-out line). */
export const linesHolding = (page: PrintedPage, s: string) => page.layout.split('\n').filter((l) => l.includes(s));

/**
 * How many lines a table header label is printed on: its characters in drawing order with only
 * white space between them (a cell's lines are drawn one after the other), counting line breaks.
 * Undefined when the label is not on the page.
 */
export function printedLines(page: PrintedPage, label: string): number | undefined {
  const pattern = [...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
  const m = new RegExp(pattern).exec(page.raw);
  return m ? (m[0].match(/\n/g) ?? []).length + 1 : undefined;
}
