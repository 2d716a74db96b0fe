import { describe, expect, it } from 'vitest';
import { markdown, markdownTable, renderMarkdown } from '../../bench/reporters/markdown.js';
import { loadFixture } from './fixture.js';

describe('markdown reporter', () => {
  it('writes summary.md matching the snapshot', async () => {
    const [file] = await markdown(loadFixture());
    expect(file!.path).toBe('summary.md');
    await expect(file!.contents).toMatchFileSnapshot('./__snapshots__/summary.md');
  });

  it('has the machine, the suite, the harness ceiling and every claim', () => {
    const results = loadFixture();
    const md = renderMarkdown(results);
    expect(md).toContain('suite `fixture`');
    expect(md).toContain(results.machine.cpuModel);
    expect(md).toContain('12,400 req/s against a noop server');
    for (const c of results.claims!) expect(md).toMatch(new RegExp(`^\\| ${c.id} \\|`, 'm'));
  });

  it('says "not measured in this run" for claims whose scenarios did not run', () => {
    const md = renderMarkdown(loadFixture());
    expect(md).toMatch(/^\| C2 \| .* \| · not measured \| not measured in this run \|$/m);
  });

  it('says so when the harness ceiling or the claims are missing', () => {
    const results = loadFixture();
    delete results.harnessCeilingRps;
    delete results.claims;
    const md = renderMarkdown(results);
    expect(md).toContain('| Load-generator ceiling | not measured in this run |');
    expect(md).toContain('The claims were not evaluated in this run.');
  });

  it('one table per workload, with the non-ok states explained', () => {
    const md = renderMarkdown(loadFixture());
    expect(md.match(/^### (noop|sleep|cpu)$/gm)).toEqual(['### noop', '### sleep', '### cpu']);
    expect(md).toContain('- `sleep/async/c1000` (invalid): runs 1, 2, 3: load generator saturated');
  });

  it('escapes pipes and line breaks inside cells', () => {
    const table = markdownTable({ columns: [{ header: 'a|b', align: 'left' }], rows: [['x|y\nz']] });
    expect(table).toBe('| a\\|b |\n| --- |\n| x\\|y z |');
  });

  it('warns when the run did not complete', () => {
    const results = loadFixture();
    results.status = 'interrupted';
    expect(renderMarkdown(results)).toContain('**⚠ This run is interrupted:**');
  });
});
