/** The tables printed at the end of a run (bench/terminal-table.ts), rendered from the fixture results file and pinned. */
import { describe, expect, it } from 'vitest';
import { claimsTable, terminalTable } from '../../bench/terminal-table.js';
import { loadFixture } from './fixture.js';

describe('terminal tables', () => {
  it('the scenario table matches the snapshot', async () => {
    await expect(`${terminalTable(loadFixture().summaries)}\n`).toMatchFileSnapshot('./__snapshots__/terminal-table.txt');
  });

  it('the claims table matches the snapshot', async () => {
    await expect(`${claimsTable(loadFixture().claims!)}\n`).toMatchFileSnapshot('./__snapshots__/claims-table.txt');
  });

  it('prints figures as summary.md does: the mean with its [95% CI], ms and s with their units', () => {
    const table = terminalTable(loadFixture().summaries);
    expect(table).toMatch(/^sleep\/async\/c100 +ok +1,961 \[1,912–2,011\] +50\.4 ms +57\.2 ms +2,000 +98% /m);
    expect(table).toMatch(/^sleep\/blocking\/c100 +ok +19\.7 \[19\.1–20\.4\] +5\.02 s +5\.07 s /m);
  });
});
