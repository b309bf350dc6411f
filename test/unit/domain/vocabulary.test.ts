/**
 * The campaign's words are defined once, in domain/ (a file named for each); code outside domain/
 * imports them. A second definition is how DeadlinePhase came to exist three times.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../..');
// Everything that runs on the server and may import domain/ (web/ talks HTTP only).
const OUTSIDE_DOMAIN = ['api', 'services', 'activities', 'workflows', 'cli', 'platform', 'dataImport', 'readModel', 'worker', 'scripts'];

/** Each term's tell-tale definition, as it was written before it moved to domain/. */
const DEFINITIONS: { term: string; home: string; pattern: RegExp }[] = [
  { term: 'Role', home: 'domain/roles.ts', pattern: /z\.enum\(\[\s*'(province_coordinator|city_officer|supervisor|auditor|coordinator)'/ },
  { term: 'SourceName', home: 'domain/sourceName.ts', pattern: /\[\s*'registrations',\s*'social_insurance'/ },
  { term: 'DeadlinePhase', home: 'domain/deadlinePhase.ts', pattern: /(type|const) \w*DeadlinePhase\w* =|z\.enum\(\[\s*'selfCheck',\s*'investigation'/ },
  {
    term: 'SubmissionKind',
    home: 'domain/submissionKind.ts',
    pattern: /z\.enum\(\[\s*'self_check',\s*'investigation'\s*\]\)|(type|const) (SubmissionKind|ReportKind) =/,
  },
  { term: 'ComplaintChannel', home: 'domain/complaintChannel.ts', pattern: /'phone',\s*'mail',\s*'letter'/ },
  { term: 'CityCode', home: 'domain/cityCode.ts', pattern: /\/\^\\d\{4\}\$\// },
  { term: 'Officer', home: 'domain/officer.ts', pattern: /(const|type) (Officer|OfficerRole) =/ },
];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('one vocabulary, in domain/', () => {
  const files = OUTSIDE_DOMAIN.flatMap((d) => sourceFiles(join(ROOT, d)));

  it('finds the code it checks', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(DEFINITIONS)('defines $term only in $home', ({ home, pattern }) => {
    expect(readFileSync(join(ROOT, home), 'utf8')).toMatch(pattern);
    const elsewhere = files.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(elsewhere).toEqual([]);
  });
});
