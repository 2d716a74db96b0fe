/**
 * The reporter registry: name → reporter. The keys are the valid `--reporters` values and
 * the ReporterName type at once; a new format is one file plus one line here.
 */
import { blog } from './blog.js';
import { charts } from './charts.js';
import { csv } from './csv.js';
import { html } from './html.js';
import { json } from './json.js';
import { markdown } from './markdown.js';
import type { Reporter } from './types.js';

export const REPORTERS = { json, csv, markdown, charts, html, blog } satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;

export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

export type { Reporter, ReportFile } from './types.js';
