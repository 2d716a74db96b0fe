/**
 * The registry of system parts the set-up step provisions (`npm run setup`), in order.
 * One import and one line per part; a new part is one file in this folder.
 */
import type { SetupPart } from '../types.js';
import { chromium } from './chromium.js';
import { loadPeers } from './load-peers.js';
import { postgres } from './postgres.js';
import { python } from './python.js';

export const setupParts: readonly SetupPart[] = [
  chromium,
  postgres,
  loadPeers,
  python,
];
