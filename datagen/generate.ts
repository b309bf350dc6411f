/**
 * Writes a realistic, deterministic Jilin data set (the contract's input files) with planted
 * cases of every flag and edge case, plus ground_truth.csv: the reasons each planted person
 * must get under the default settings.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CERT_CATEGORY_LABELS, CertCategory } from '../domain/certCategories';
import { IsoMonth } from '../domain/calendar';
import { cityName } from '../domain/cities';
import { UNIT_KIND_LABELS } from '../domain/uscc';
import { CsvWriter } from './csvWriter';
import { birthDateForAge, birthDateTurning, corruptIdNumber, makeResident, type Resident } from './identity';
import { addMonths, lastDayOf } from './months';
import { Rng } from './prng';
import { SCENARIOS, type PersonPlan } from './scenarios';
import { buildUniverse, corruptUscc, nameVariant, type GenUnit } from './units';

export const GenerateOptions = z.object({
  persons: z.number().int().min(1).max(5_000_000),
  seed: z.number().int().min(0).max(0xffffffff),
  outDir: z.string().min(1),
  asOf: IsoMonth.default('2024-10'),
  /** Months of social-insurance and housing-fund history, ending at asOf (at least 4: cases before the window). */
  months: z.number().int().min(4).max(120).default(12),
});
export type GenerateOptions = z.input<typeof GenerateOptions>;

export interface GenerateResult {
  files: Record<string, string>;
  rows: Record<string, number>;
  persons: number;
}

export const FILE_NAMES = {
  registrations: 'registrations.csv',
  socialInsurance: 'social_insurance.csv',
  housingFund: 'housing_fund.csv',
  units: 'units.csv',
  publicSector: 'public_sector_staff.csv',
  exams: 'exam_applications.csv',
  labor: 'labor_contracts.csv',
  groundTruth: 'ground_truth.csv',
} as const;

const CATEGORIES = CertCategory.options;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export async function generateDataset(input: GenerateOptions): Promise<GenerateResult> {
  const opts = GenerateOptions.parse(input);
  mkdirSync(opts.outDir, { recursive: true });
  const file = (k: keyof typeof FILE_NAMES) => path.join(opts.outDir, FILE_NAMES[k]);
  const rng = new Rng(opts.seed);
  const universe = buildUniverse(rng.fork(1), opts.persons);
  const last = opts.months - 1;
  const periods = Array.from({ length: opts.months }, (_, i) => addMonths(opts.asOf, i - last));
  const asOfEnd = lastDayOf(opts.asOf);

  const w = {
    reg: new CsvWriter(file('registrations'), [
      'id_number',
      'name',
      'cert_category',
      'cert_number',
      'unit_name',
      'unit_code',
      'city_code',
      'registered_on',
      'status',
    ]),
    si: new CsvWriter(file('socialInsurance'), ['id_number', 'name', 'unit_name', 'unit_code', 'region_code', 'period', 'insured_status']),
    // Spreadsheet exports often start with a byte-order mark; the importer must accept one.
    fund: new CsvWriter(file('housingFund'), ['id_number', 'unit_name', 'unit_code', 'period'], { bom: true }),
    pss: new CsvWriter(file('publicSector'), ['id_number', 'employer_name', 'employer_code']),
    exam: new CsvWriter(file('exams'), ['id_number', 'exam_year', 'cert_category', 'unit_name', 'unit_code']),
    labor: new CsvWriter(file('labor'), ['id_number', 'unit_name', 'unit_code', 'start_date', 'end_date']),
    truth: new CsvWriter(file('groundTruth'), ['id_number', 'expected_reasons', 'scenario']),
    units: new CsvWriter(file('units'), ['unit_code', 'unit_name', 'unit_kind', 'branch_of', 'parent_code']),
  };
  const taken = new Set<string>();
  const prng = rng.fork(3);
  const weights = SCENARIOS.map((s) => s.weight);
  const total = weights.reduce((a, b) => a + b, 0);
  const ctx = { rng: prng, u: universe, last, ws: last - 2 };
  let certSeq = 0;

  /** One unit reference as a clerk wrote it in one file: name variant, code sometimes missing or mistyped. */
  const ref = (u: GenUnit, pCode: number): [string, string] => {
    const name = prng.chance(0.35) ? nameVariant(prng, u.name) : u.name;
    // A public-sector unit missing from the units file is known as one only by its code's prefix.
    if (u.kind !== 'enterprise' && !u.inUnitsFile) return [name, u.code];
    if (!prng.chance(pCode)) return [name, ''];
    return [name, prng.chance(0.004) ? corruptUscc(u.code) : u.code];
  };
  const idIn = (r: Resident) => (r.id18.endsWith('X') && prng.chance(0.5) ? r.id18.slice(0, 17) + 'x' : r.id18);

  async function writePerson(p: PersonPlan, r: Resident, legacyId: boolean): Promise<void> {
    const cats = prng.shuffle([...CATEGORIES]);
    for (const [k, reg] of p.regs.entries()) {
      const cat = cats[k % cats.length];
      const [uname, ucode] = ref(reg.unit, 0.9);
      const city = reg.unit.cityCode;
      const regYear = prng.int(2012, Number(opts.asOf.slice(0, 4)) - 1);
      await w.reg.row([
        legacyId && r.id15 ? r.id15 : r.id18,
        r.name,
        prng.chance(0.2) ? CERT_CATEGORY_LABELS[cat] : cat,
        `吉${city}${regYear}${pad(++certSeq, 7)}`,
        uname,
        reg.badCode ? corruptUscc(reg.unit.code) : ucode,
        prng.chance(0.15) ? cityName(city) : city,
        prng.chance(0.05) ? '' : `${regYear}-${pad(prng.int(1, 12), 2)}-${pad(prng.int(1, 28), 2)}`,
        reg.status === 'valid' ? (prng.chance(0.3) ? '' : 'valid') : reg.status,
      ]);
    }
    for (const span of p.si) {
      const [uname, ucode] = span.unit ? ref(span.unit, 0.85) : ['', ''];
      const region = span.region ?? span.unit?.region ?? r.id18.slice(0, 6);
      const status = span.status === 'employed' ? (prng.chance(0.5) ? '' : 'employed') : span.status;
      const name = prng.chance(0.8) ? r.name : '';
      for (let m = span.from; m <= span.to; m++) {
        const row = [idIn(r), name, uname, ucode, region, periods[m], status];
        await w.si.row(row);
        // Identical rows (the same month exported twice) must not count twice.
        if (prng.chance(0.003)) await w.si.row(row);
      }
    }
    for (const span of p.fund) {
      const [uname, ucode] = ref(span.unit, 0.8);
      for (let m = span.from; m <= span.to; m++) await w.fund.row([idIn(r), uname, ucode, periods[m]]);
    }
    for (const g of p.pss) await w.pss.row([r.id18, g.name, prng.chance(0.7) ? g.code : '']);
    if (p.regs.length === 0) return;
    const actual = p.actual ?? p.regs[0].unit;
    if (prng.chance(0.3)) {
      const examUnit = prng.chance(0.5) ? actual : p.regs[0].unit;
      await w.exam.row([r.id18, String(prng.int(2008, 2023)), cats[0], examUnit.name, examUnit.code]);
    }
    if (prng.chance(0.4)) {
      const start = `${prng.int(2010, 2022)}-${pad(prng.int(1, 12), 2)}-01`;
      await w.labor.row([r.id18, actual.name, prng.chance(0.8) ? actual.code : '', start, prng.chance(0.7) ? '' : `${Number(start.slice(0, 4)) + 3}-12-31`]);
    }
  }

  for (let i = 0; i < opts.persons; i++) {
    // The first persons walk through every scenario once, so even a small data set plants every case.
    const scenario = i < SCENARIOS.length ? SCENARIOS[i] : SCENARIOS[prng.weighted(weights, total)];
    const p = scenario.build(ctx);
    const birth = 'turning' in p.age ? birthDateTurning(asOfEnd, p.age.turning, p.age.dayAfter) : birthDateForAge(prng, asOfEnd, p.age.min, p.age.max);
    const r = makeResident(prng, p.regs[0].unit.cityCode, birth, taken);
    await writePerson(p, r, prng.chance(0.02));
    await w.truth.row([r.id18, [...scenario.reasons].sort().join(';'), scenario.name]);
  }

  // Contributors without any registration (most of the real social-insurance file): never screened.
  for (let i = 0, n = Math.ceil(opts.persons * 0.04); i < n; i++) {
    const u = prng.pick(universe.heads);
    const r = makeResident(prng, u.cityCode, birthDateForAge(prng, asOfEnd, 22, 60), taken);
    await writePerson(
      { regs: [], si: [{ unit: u, from: 0, to: last, status: 'employed' }], fund: [], pss: [], age: { min: 22, max: 60 }, actual: u },
      r,
      false,
    );
    // A few unusable rows, reported as rejected; they belong to no screened person.
    if (i % 400 === 0) {
      await w.reg.row([corruptIdNumber(r.id18), r.name, 'CONSTRUCTOR_2', `吉X${pad(i, 9)}`, u.name, u.code, u.cityCode, '', 'valid']);
      await w.si.row([corruptIdNumber(r.id18), r.name, u.name, u.code, u.region, opts.asOf, '']);
      await w.si.row([r.id18, r.name, u.name, u.code, u.region, `${opts.asOf.slice(0, 4)}-13`, '']);
      await w.fund.row([r.id18, '', u.code, opts.asOf]);
    }
  }

  for (const u of universe.all) {
    if (!u.inUnitsFile) continue;
    const kind = u.kind === 'enterprise' && prng.chance(0.3) ? '' : prng.chance(0.2) ? UNIT_KIND_LABELS[u.kind] : u.kind;
    await w.units.row([u.code, u.name, kind, u.head?.code ?? '', u.parent?.code ?? '']);
  }
  const rows: Record<string, number> = {};
  for (const writer of Object.values(w)) {
    await writer.close();
    rows[path.basename(writer.path)] = writer.rows;
  }
  const files = Object.fromEntries(Object.keys(FILE_NAMES).map((k) => [k, file(k as keyof typeof FILE_NAMES)]));
  return { files, rows, persons: opts.persons };
}
