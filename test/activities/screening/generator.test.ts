/** The synthetic data generator: deterministic, valid, and free of accidental unit relations. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FILE_NAMES, generateDataset } from '../../../datagen/generate';
import { Rng } from '../../../datagen/prng';
import { buildUniverse, nameVariant } from '../../../datagen/units';
import { parseIdNumber } from '../../../domain/idNumber';
import { isBranchByName, normaliseUnitName } from '../../../domain/unitMatching';
import { isValidUscc } from '../../../domain/uscc';
import { makeTempDir } from '../../support/tempDirs';

const digest = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(path.join(dir, f)))
          .digest('hex'),
      ]),
  );
const tmp = () => makeTempDir('gz-gen-');

describe('data generator', () => {
  it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
    const [a, b, c] = [tmp(), tmp(), tmp()];
    await generateDataset({ persons: 300, seed: 42, outDir: a });
    await generateDataset({ persons: 300, seed: 42, outDir: b });
    await generateDataset({ persons: 300, seed: 43, outDir: c });
    expect(Object.keys(digest(a)).sort()).toEqual(Object.values(FILE_NAMES).sort());
    expect(digest(b)).toEqual(digest(a));
    expect(digest(c)['registrations.csv']).not.toEqual(digest(a)['registrations.csv']);
  });

  it('writes valid ID numbers (18-digit, some 15-digit legacy) except the planted rejects', async () => {
    const dir = tmp();
    await generateDataset({ persons: 2000, seed: 7, outDir: dir });
    const ids = readFileSync(path.join(dir, 'registrations.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    const invalid = ids.filter((id) => !parseIdNumber(id).ok);
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.length).toBeLessThan(5);
    expect(ids.filter((id) => id.length === 15).length).toBeGreaterThan(ids.length * 0.01);
    expect(ids.every((id) => id.slice(0, 2) === '22')).toBe(true);
  });

  it('gives every unit a valid USCC and a name no other unit shares after normalisation', () => {
    const u = buildUniverse(new Rng(5), 5000);
    expect(u.all.every((x) => isValidUscc(x.code))).toBe(true);
    expect(new Set(u.all.map((x) => normaliseUnitName(x.name))).size).toBe(u.all.length);
    expect(u.all.filter((x) => x.code.startsWith('11')).every((x) => x.kind === 'government')).toBe(true);
    expect(u.all.filter((x) => x.code.startsWith('12')).every((x) => x.kind === 'public_institution')).toBe(true);
  });

  it('relates units by name only where a branch was planted', () => {
    const u = buildUniverse(new Rng(9), 5000);
    const byName = new Map(u.all.map((x) => [normaliseUnitName(x.name), x]));
    for (const x of u.all) {
      const n = normaliseUnitName(x.name);
      for (let len = 1; len < n.length; len++) {
        const head = byName.get(n.slice(0, len));
        if (head && isBranchByName(n, n.slice(0, len))) expect(x.head).toBe(head);
      }
    }
    expect(u.headsWithNameBranch.length).toBeGreaterThan(0);
    expect(u.headsWithFileBranches.length).toBeGreaterThan(0);
  });

  it('writes unit names the way clerks do, always normalising to the same unit', () => {
    const rng = new Rng(3);
    for (const name of ['中建（吉林）建设有限公司', '吉林ABC工程咨询有限公司', '长春宏达建设有限公司长春分公司']) {
      for (let i = 0; i < 50; i++) expect(normaliseUnitName(nameVariant(rng, name))).toBe(normaliseUnitName(name));
    }
  });
});
