/**
 * How much room printed text needs, for the reports' print layout: how many lines a cell's text
 * wraps to in a column (the summary table's row heights) and how wide a column must be so that
 * no code, number or date breaks and no header breaks character by character (the .docx tables).
 *
 * Widths are in em (one em = the font size). A CJK character or a full-width sign is 1 em, ASCII
 * counts about half of that: 0.64 em for a digit, more than 宋体's or Times New Roman's 0.5 em,
 * because LibreOffice on a machine without 宋体 or 仿宋 draws Latin text in DejaVu Sans (digits
 * 0.636 em, capitals up to 0.86 em). Line breaking follows
 * what Excel, WPS and LibreOffice do with Chinese text: a break may fall between two CJK
 * characters, never inside a run of letters and digits (an ID number, a credit code, a
 * certificate number, a date, a case number such as 2201-000001); closing punctuation does not
 * start a line and opening punctuation does not end one.
 */

const OPENING = '（(［[【〔《〈“‘「『';
const CLOSING = '）)］]】〕》〉”’」』，,、。.；;：:！!？?%％';
const NARROW = "il.,:;'|!()[]";

// Character classes: how a character takes part in line breaking.
/** A letter, digit or sign of a word that does not break (ASCII, Latin). */
const WORD = 0;
const SPACE = 1;
/** Does not end a line: glued to what follows. */
const OPENS = 2;
/** Does not start a line: glued to what precedes. */
const CLOSES = 3;
/** A CJK character (or kana, a full-width sign): a line may break before and after it. */
const ALONE = 4;

// Lookup tables for the Basic Multilingual Plane (a surrogate half counts as a character of its own).
const KIND = new Uint8Array(0x10000);
const EM = new Float32Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
  KIND[code] = code < 0x2000 ? WORD : ALONE;
  EM[code] = code < 0x2000 ? 0.64 : 1;
}
for (let code = 0x41; code <= 0x5a; code++) EM[code] = 0.8; // A-Z
for (const ch of 'WMmw') EM[ch.charCodeAt(0)] = 0.95;
for (const ch of NARROW) EM[ch.charCodeAt(0)] = 0.35;
for (const ch of OPENING) KIND[ch.charCodeAt(0)] = OPENS;
for (const ch of CLOSING) KIND[ch.charCodeAt(0)] = CLOSES;
KIND[0x20] = SPACE;
EM[0x20] = 0.35;

/** Width of one character in em. */
function charEm(ch: string): number {
  return EM[ch.charCodeAt(0)];
}

interface Token {
  em: number;
  /** A space: a break opportunity that takes no room at the end of a line. */
  space: boolean;
  /** Where the token is in the text: [start, end). */
  start: number;
  end: number;
}

// The pieces of the text last cut (cut()), reused: the summary table measures every cell of 100,000 rows.
let tokEm = new Float64Array(256);
let tokSpace = new Uint8Array(256);
let tokStart = new Int32Array(256);
let tokEnd = new Int32Array(256);

function push(n: number, em: number, space: boolean, start: number, end: number): number {
  if (n === tokEm.length) {
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T, make: (len: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    tokEm = grow(tokEm, (l) => new Float64Array(l));
    tokSpace = grow(tokSpace, (l) => new Uint8Array(l));
    tokStart = grow(tokStart, (l) => new Int32Array(l));
    tokEnd = grow(tokEnd, (l) => new Int32Array(l));
  }
  tokEm[n] = em;
  tokSpace[n] = space ? 1 : 0;
  tokStart[n] = start;
  tokEnd[n] = end;
  return n + 1;
}

/**
 * Cuts the text from `from` to `to` where a line may break: each CJK character alone, a run of
 * letters and digits whole (a '.' or ',' between digits included: 3.5, 1,000), closing punctuation
 * glued to what precedes it and opening punctuation to what follows it. The pieces go to the
 * shared buffers; returns how many.
 */
function cut(text: string, from: number, to: number): number {
  let n = 0;
  let openEm = 0;
  let openStart = -1;
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    const kind = KIND[code];
    if (kind === SPACE) {
      n = push(n, EM[code], true, i, i + 1);
      i++;
    } else if (kind === OPENS) {
      if (openEm === 0) openStart = i;
      openEm += EM[code];
      i++;
    } else if (kind === CLOSES && n > 0 && tokSpace[n - 1] === 0 && openEm === 0) {
      tokEm[n - 1] += EM[code];
      tokEnd[n - 1] = ++i;
    } else {
      const start = openEm > 0 ? openStart : i;
      let em = openEm + EM[code];
      openEm = 0;
      i++;
      if (kind === WORD) {
        for (;;) {
          while (i < to && KIND[text.charCodeAt(i)] === WORD) em += EM[text.charCodeAt(i++)];
          const c = text.charCodeAt(i);
          const next = text.charCodeAt(i + 1);
          if (i + 1 < to && (c === 0x2e || c === 0x2c) && next >= 0x30 && next <= 0x39) em += EM[text.charCodeAt(i++)];
          else break;
        }
      }
      n = push(n, em, false, start, i);
    }
  }
  if (openEm > 0) n = push(n, openEm, false, openStart, to);
  return n;
}

function tokens(text: string): Token[] {
  const n = cut(text, 0, text.length);
  const out: Token[] = [];
  for (let k = 0; k < n; k++) out.push({ em: tokEm[k], space: tokSpace[k] === 1, start: tokStart[k], end: tokEnd[k] });
  return out;
}

/**
 * A one-line text (a table header label) cut into the fewest lines that fit `widthEm`, as even as
 * they can be (信息不/一致/人数 rather than 信息不/一致人/数). A piece wider than the width takes a
 * line of its own.
 */
export function balancedLines(text: string, widthEm: number): string[] {
  const ts = tokens(text).filter((t) => !t.space);
  const lines = Math.min(wrappedLines(text, widthEm), ts.length);
  if (lines <= 1) return [text];
  // best[j][i]: setting the first i pieces on j lines, the narrowest widest line and then the most even
  // lines (least sum of squared widths). Labels are short: a few dozen steps.
  const n = ts.length;
  const width = (a: number, b: number) => ts.slice(a, b).reduce((w, t) => w + t.em, 0);
  const best: { worst: number; sq: number }[][] = [[{ worst: 0, sq: 0 }, ...Array.from({ length: n }, () => ({ worst: Infinity, sq: Infinity }))]];
  const cut: number[][] = [[]];
  for (let j = 1; j <= lines; j++) {
    best[j] = Array.from({ length: n + 1 }, () => ({ worst: Infinity, sq: Infinity }));
    cut[j] = new Array<number>(n + 1).fill(0);
    for (let i = 1; i <= n; i++) {
      for (let k = j - 1; k < i; k++) {
        const w = width(k, i);
        if (w > widthEm + 1e-9 && i - k > 1) continue;
        const prev = best[j - 1][k];
        const worst = Math.max(prev.worst, w);
        const sq = prev.sq + w * w;
        const b = best[j][i];
        // On a full tie the later cut: the first lines the fuller.
        if (worst < b.worst - 1e-9 || (Math.abs(worst - b.worst) <= 1e-9 && sq <= b.sq + 1e-9)) {
          best[j][i] = { worst, sq };
          cut[j][i] = k;
        }
      }
    }
  }
  const j0 = best[lines][n].worst === Infinity ? 0 : lines;
  if (j0 === 0) return [text];
  let j = j0;
  const out: string[] = [];
  for (let i = n; j > 0 && i > 0; j--) {
    const k = cut[j][i];
    out.unshift(text.slice(ts[k].start, ts[i - 1].end));
    i = k;
  }
  return out;
}

/** Width of the text on one line, in em (the widest of its lines when it holds line breaks). */
function naturalEm(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    let em = 0;
    for (const ch of line) em += charEm(ch);
    widest = Math.max(widest, em);
  }
  return widest;
}

/** The widest piece of the text that cannot break (a code, a number, a date, a word), in em. */
export function unbreakableEm(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) for (const t of tokens(line)) if (!t.space) widest = Math.max(widest, t.em);
  return widest;
}

/** How many lines the text wraps to in a column `widthEm` wide (a piece wider than the column is broken, as a program must). */
export function wrappedLines(text: string, widthEm: number): number {
  if (text === '') return 1;
  // Fast path: no character is wider than 1 em, so a text this short fits on one line.
  if (text.length <= widthEm && !text.includes('\n')) return 1;
  let lines = 0;
  for (let from = 0; from <= text.length;) {
    const nl = text.indexOf('\n', from);
    const to = nl < 0 ? text.length : nl;
    const count = cut(text, from, to);
    let n = 1;
    let used = 0;
    for (let k = 0; k < count; k++) {
      const em = tokEm[k];
      if (tokSpace[k] === 1) {
        if (used > 0) used += em;
        continue;
      }
      if (used > 0 && used + em > widthEm + 1e-9) {
        n++;
        used = 0;
      }
      if (used === 0 && em > widthEm) {
        // Wider than the column: broken over as many lines as it takes.
        const extra = Math.ceil(em / widthEm) - 1;
        n += extra;
        used = em - extra * widthEm;
      } else {
        used += em;
      }
    }
    lines += n;
    from = to + 1;
  }
  return lines;
}

/** The narrowest width (em) at which the text takes at most `maxLines` lines and no unbreakable piece breaks. */
function widthForLines(text: string, maxLines: number): number {
  let lo = unbreakableEm(text);
  let hi = Math.max(lo, naturalEm(text));
  if (wrappedLines(text, lo) <= maxLines) return lo;
  // Binary search to 1/20 em: wrappedLines is monotone in the width.
  while (hi - lo > 0.05) {
    const mid = (lo + hi) / 2;
    if (wrappedLines(text, mid) <= maxLines) hi = mid;
    else lo = mid;
  }
  return hi;
}

export interface FittedColumns {
  /** Each column's width, in the unit of `total`. */
  widths: number[];
  /** The font size (pt) the table's text fits at. */
  fontPt: number;
}

/** Characters a line a header label may be broken to, best first: 4 (市（州） whole, 信息不一致人数 on two lines), then 3. */
const HEADER_CHARS_PER_LINE = [4, 3] as const;
/** Room a column keeps beyond what its text needs, so rounding in the program that lays it out never wraps it. */
const SLACK_EM = 0.3;
/** A cell text this wide or narrower (four CJK characters) is never broken. */
const SHORT_TEXT_EM = 4;
/** The last resort before a smaller font: two characters a line. */
const HEADER_CHARS_PER_LINE_LAST = 2;

/**
 * Widths for a table's columns that add up to `total` (`unitsPerPt` units a point), for a table of
 * the given header and rows, at the first of `fontSizes` where they fit:
 *  - no code, number or date breaks, nor a text of four characters or fewer (排查中, 按期报送): each
 *    column is at least as wide as its widest such piece;
 *  - a header label keeps four characters a line (市（州） on one line, 信息不一致人数 on two), or
 *    three (two lines of 市/（州）, 整改/到位) when that makes the table shorter (the room the headers
 *    give up lets a long 进展情况 text take fewer lines), never one character a line;
 *  - what room is left goes to the columns whose text wants more, in proportion to what they want.
 * `padding` is what a cell keeps free of text (both sides), in the unit of `total`. If even the
 * smallest size does not fit, every column gets its share of what it needs (then text may break).
 */
export function fitColumns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  opts: { total: number; unitsPerPt: number; padding: number; fontSizes: readonly number[] },
): FittedColumns {
  // A short text (排查中, 已完成, 按期报送) stays on one line as a code does.
  const cellMinEm = (text: string) => (naturalEm(text) <= SHORT_TEXT_EM ? naturalEm(text) : unbreakableEm(text));
  const cellMin = header.map((_, i) => Math.max(0, ...rows.map((r) => cellMinEm(r[i] ?? ''))));
  const want = header.map((h, i) => Math.max(naturalEm(h) / 2, ...rows.map((r) => naturalEm(r[i] ?? ''))));
  const headerMin = (perLine: number) => header.map((h) => widthForLines(h, Math.max(1, Math.ceil([...h].length / perLine))));

  /** The widths at a font size and header line length, or undefined when the minimums do not fit. */
  function layout(fontPt: number, perLine: number): number[] | undefined {
    const scale = fontPt * opts.unitsPerPt;
    const min = headerMin(perLine).map((h, i) => (Math.max(h, cellMin[i]) + SLACK_EM) * scale + opts.padding);
    const minSum = min.reduce((a, b) => a + b, 0);
    if (minSum > opts.total) return undefined;
    const wanted = want.map((w, i) => Math.max(min[i], w * scale + opts.padding));
    const room = opts.total - minSum;
    const extra = wanted.map((w, i) => w - min[i]);
    const extraSum = extra.reduce((a, b) => a + b, 0);
    if (extraSum <= room) {
      // Everything fits on one line: the rest of the room in proportion to the widths.
      const wantSum = wanted.reduce((a, b) => a + b, 0);
      return wanted.map((w) => w + ((opts.total - wantSum) * w) / wantSum);
    }
    return min.map((m, i) => m + (room * extra[i]) / extraSum);
  }

  /** Lines the table takes: its header's and each row's tallest cell's. */
  function height(widths: number[], fontPt: number): number {
    const em = widths.map((w) => (w - opts.padding) / (fontPt * opts.unitsPerPt));
    const tallest = (cells: readonly string[]) => Math.max(1, ...cells.map((c, i) => wrappedLines(c ?? '', em[i])));
    return tallest(header) + rows.reduce((n, r) => n + tallest(r), 0);
  }

  for (const perLineChoices of [HEADER_CHARS_PER_LINE, [HEADER_CHARS_PER_LINE_LAST]]) {
    for (const fontPt of opts.fontSizes) {
      let best: { widths: number[]; lines: number } | undefined;
      for (const perLine of perLineChoices) {
        const widths = layout(fontPt, perLine);
        if (!widths) continue;
        const lines = height(widths, fontPt);
        if (!best || lines < best.lines) best = { widths, lines };
      }
      if (best) return { widths: roundToTotal(best.widths, opts.total), fontPt };
    }
  }
  // Nothing fits: each column its share of what it needs, at the smallest size.
  const fontPt = opts.fontSizes[opts.fontSizes.length - 1];
  const scale = fontPt * opts.unitsPerPt;
  const min = cellMin.map((m) => (m + SLACK_EM) * scale + opts.padding);
  const minSum = min.reduce((a, b) => a + b, 0);
  return {
    widths: roundToTotal(
      min.map((m) => (m * opts.total) / minSum),
      opts.total,
    ),
    fontPt,
  };
}

/** Whole numbers that add up to `total` exactly (the last column takes the rounding). */
function roundToTotal(widths: number[], total: number): number[] {
  const out = widths.map((w) => Math.floor(w));
  out[out.length - 1] += total - out.reduce((a, b) => a + b, 0);
  return out;
}
