/**
 * `guazheng rehearse` as a coordinator runs it, as a child process at a small size (100 persons) on
 * the suite's PostgreSQL server (the rehearsal makes and drops a database of its own there) and its
 * own time-skipping server: the whole campaign and its penalty procedures, every report and document
 * written into the output folder, and a JSON summary whose figures agree with each other and with
 * the files: counts add up, document numbers run 1..n without gaps per authority, kind and year, no
 * measure is dated before its decision's service, and every bar starts on that day.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RehearsalSummary } from '../../cli/rehearsal/summary';
import { DocumentKind } from '../../domain/documents';
import { INTERMEDIARY_DOCUMENT_KINDS } from '../../domain/intermediaryDocuments';
import { ProcedureStep } from '../../domain/penaltyProcedure';
import { makeTempDir } from '../support/tempDirs';

const ROOT = path.resolve(__dirname, '..', '..');
/** The smallest size at which every outcome, step and document kind still occurs. */
const PERSONS = 100;

const filesUnder = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? filesUnder(path.join(dir, f)) : [path.join(dir, f)])) : [];

describe('guazheng rehearse', () => {
  let out: string;
  let run: { code: number | null; stdout: string; stderr: string };
  let summary: RehearsalSummary;

  beforeAll(() => {
    out = makeTempDir('gz-rehearse-');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'guazheng.js'), 'rehearse', '--persons', String(PERSONS), '--out', out], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL },
      encoding: 'utf8',
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    run = { code: r.status, stdout: r.stdout, stderr: r.stderr };
    summary = RehearsalSummary.parse(JSON.parse(run.stdout));
  }, 620_000);

  it('runs the whole campaign and prints its summary on stdout, progress on stderr without personal data', () => {
    expect(run.stderr).toContain('the campaign is closed');
    // No ID number (18 characters, the last a digit or X) in any progress line.
    expect(run.stderr).not.toMatch(/\b\d{17}[\dX]\b/);
    expect(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'))).toEqual(JSON.parse(run.stdout));
    expect(summary.persons).toBe(PERSONS);
  });

  it("counts every case once, by outcome, with the province's return, reopening and override", () => {
    const { cases } = summary;
    expect(cases.total).toBeGreaterThan(20);
    expect(Object.values(cases.byOutcome).reduce((s, n) => s + n, 0) + cases.undecided).toBe(cases.total);
    expect(Object.keys(cases.byOutcome).sort()).toEqual(['COMPLIANT', 'DEREGISTERED', 'RECTIFIED', 'TRANSFERRED', 'VIOLATION']);
    expect(cases).toMatchObject({ undecided: 0, reopened: 1, overridden: 1 });
  });

  it('takes procedures through every step at both levels, the ministry step included', () => {
    const p = summary.procedures;
    expect(p.byLevel.city).toBeGreaterThan(0);
    expect(p.byLevel.province).toBeGreaterThan(0);
    expect(Object.values(p.byLevel).reduce((s, n) => s + n, 0)).toBe(p.total);
    expect(Object.values(p.byStep).reduce((s, n) => s + n, 0)).toBe(p.total);
    for (const step of ProcedureStep.options) expect(p.eventsByStep[step] ?? 0).toBeGreaterThan(0);
    expect(p.servicesByDocument).toMatchObject({ notice: expect.any(Number), hearing_notice: expect.any(Number), decision: expect.any(Number) });
  });

  it('sends one decision back to be revised and ends one review in 不予行政处罚, its decision served', () => {
    const p = summary.procedures;
    expect(p.closedBecause).toMatchObject({ no_penalty: 1 });
    expect(summary.documents.byKind.no_penalty_decision?.count).toBe(1);
    expect(summary.refusals).toEqual([]);
  });

  it('issues every kind of document, numbered gap-free, and writes each one into the output folder', () => {
    const { documents } = summary;
    // Every document of the penalty procedure; a transfer's referral letter, a unit's self-check notice and an
    // intermediary's documents (its order's notice, its procedure's in a unit's wording) are of processes
    // (issues 20 and 21) the rehearsal does not play.
    const notOfTheProcedure: string[] = ['referral_letter', 'self_check_notice', ...INTERMEDIARY_DOCUMENT_KINDS];
    expect(Object.keys(documents.byKind).sort()).toEqual(DocumentKind.options.filter((k) => !notOfTheProcedure.includes(k)).sort());
    for (const [kind, k] of Object.entries(documents.byKind)) {
      expect({ kind, numbered: k.ranges.reduce((s, r) => s + r.count, 0) }).toEqual({ kind, numbered: k.count });
      for (const r of k.ranges) expect({ kind, ...r, gapFree: r.gapFree }).toMatchObject({ gapFree: true });
    }
    const docx = filesUnder(path.join(out, 'documents'));
    expect(docx).toHaveLength(documents.total);
    expect(docx.every((f) => f.endsWith('.docx') && readFileSync(f).subarray(0, 2).toString() === 'PK')).toBe(true);
    expect(filesUnder(path.join(out, 'reports'))).toHaveLength(summary.files.reports);
    expect(summary.reports.byKind).toMatchObject({ self_check_table: 9, progress_notice: 1, province_table: expect.any(Number) });
  });

  it('refuses a size it cannot rehearse with exit code 2 and one line naming the option, before starting anything', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'guazheng.js'), 'rehearse', '--persons', '10'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('guazheng: rehearse: --persons must be a whole number from 50 to 20000\n');
  });

  it('puts no measure in effect before its decision is served, and starts every bar on that day', () => {
    const { measuresInEffect, bars, checks } = summary;
    expect(measuresInEffect.byKind).toMatchObject({
      FINE: expect.any(Number),
      BAD_CONDUCT_RECORD: expect.any(Number),
      REVOKE_REGISTRATION: expect.any(Number),
    });
    expect(measuresInEffect.notInEffect).toMatchObject({ 'BAD_CONDUCT_RECORD:withdrawn': expect.any(Number) });
    expect(bars.total).toBe(bars.list.length);
    for (const b of bars.list) expect(b.endsOn > b.startsOn).toBe(true);
    expect(checks.details).toEqual({ measuresBeforeService: 0, barsNotFromService: 0 });
    expect(summary.refusals).toEqual([]);
    expect(checks).toMatchObject({ countsAddUp: true, numberRangesGapFree: true, noMeasureBeforeService: true, barsStartAtService: true, noStepRefused: true });
    expect(run.code).toBe(0);
  });
});
