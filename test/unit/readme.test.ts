import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiEnvSchema } from '../../api/config/apiSettings';
import { AttachmentEnvSchema } from '../../platform/attachmentConfig';
import { EnvSchema } from '../../platform/config';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('keeps the two newcomer commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it.each([...Object.keys(EnvSchema.shape), ...Object.keys(ApiEnvSchema.shape), ...Object.keys(AttachmentEnvSchema.shape)])(
    'documents the setting %s in its configuration table',
    (name) => {
      expect(readme).toMatch(new RegExp(`\\|[^\\n]*\`${name}\``));
    },
  );
});
