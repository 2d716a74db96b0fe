/**
 * The article's examples (servers/python/snippets.py) at a tenth of their sleeps: the
 * physics each quote rests on, as ratios measured in the same process (a busy machine can
 * only lengthen every wall time, and lengthens the short ones most).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../bench/paths.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON_EXECUTABLE } from '../../bench/setup/parts/python.js';
import { requirePython } from './helpers.js';

const SNIPPETS = join(packageRoot(), 'servers', 'python', 'snippets.py');

interface Snippet {
  name: string;
  wallMs: number;
  idealMs: number;
}

beforeAll(requirePython);

describe("the article's snippets", () => {
  it('gather overlaps the three sleeps; time.sleep inside async def serialises them', () => {
    const out = execFileSync(PYTHON_EXECUTABLE, [SNIPPETS, '--scale', '0.1'], { encoding: 'utf8', timeout: 60_000 });
    const byName = new Map((JSON.parse(out.trim().split('\n').pop()!) as { snippets: Snippet[] }).snippets.map((s) => [s.name, s]));
    const wall = (name: string) => byName.get(name)!.wallMs;
    // Nothing finishes before its sleeps allow.
    for (const s of byName.values()) expect(s.wallMs, s.name).toBeGreaterThanOrEqual(s.idealMs * 0.95);
    expect(wall('sequential-three-tasks') / wall('gather-three-tasks')).toBeGreaterThan(2);
    expect(wall('gather-time-sleep') / wall('gather-three-tasks')).toBeGreaterThan(2);
    expect(wall('gather-time-sleep')).toBeGreaterThanOrEqual(3 * byName.get('blocking-task')!.idealMs * 0.95);
  });

  it('refuses a bad --scale with exit code 2', () => {
    expect(() => execFileSync(PYTHON_EXECUTABLE, [SNIPPETS, '--scale', '3'], { stdio: 'pipe' })).toThrow(/--scale must be in \(0, 1\]/);
  });
});
