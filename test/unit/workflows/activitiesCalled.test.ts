/**
 * Every activity the worker registers is called by some workflow: an activity nothing calls is dead
 * code that still looks like part of the process (issue 16). Workflows call activities through
 * proxyActivities, by name, so the workflow sources must name each one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createActivities, type ActivityDeps } from '../../../activities';

const WORKFLOWS = path.resolve(__dirname, '../../../workflows');

function workflowSources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? workflowSources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? readFileSync(path.join(dir, e.name), 'utf8') : ''))
    .join('\n');
}

describe('the activities the worker registers', () => {
  it('are each called by some workflow', () => {
    // Binding needs no live connection: the activities only close over their dependencies.
    const registered = Object.keys(createActivities({ pool: {}, config: {} } as unknown as ActivityDeps));
    const source = workflowSources(WORKFLOWS);
    expect(registered.length).toBeGreaterThan(10);
    expect(registered.filter((name) => !new RegExp(`\\b${name}\\b`).test(source))).toEqual([]);
  });
});
