import path from 'node:path';
import { ConfigError, loadConfig } from '../../platform/config';

describe('configuration from the environment', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.TEMPORAL_ADDRESS).toBeUndefined();
    expect(c.API_PORT).toBe(3000);
    expect(c.TEMPORAL_UI_PORT).toBe(8233);
    expect(c.GZ_DEMO).toBe(true);
    expect(c.dataDir).toBe(path.resolve('data'));
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('parses numbers and booleans', () => {
    const c = loadConfig({ API_PORT: '8080', GZ_DEMO: 'off', TEMPORAL_ADDRESS: 'temporal.example:7233' });
    expect(c.API_PORT).toBe(8080);
    expect(c.GZ_DEMO).toBe(false);
    expect(c.TEMPORAL_ADDRESS).toBe('temporal.example:7233');
  });

  it('names every bad variable with its value, hiding values that may hold credentials', () => {
    let error: unknown;
    try {
      loadConfig({ API_PORT: '70000', LOG_LEVEL: 'loud', DATABASE_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes('API_PORT'))).toContain('"70000"');
    expect(lines.find((l) => l.includes('LOG_LEVEL'))).toContain('"loud"');
    expect(lines.find((l) => l.includes('DATABASE_URL'))).toContain('(value hidden)');
  });
});
