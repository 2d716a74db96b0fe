/**
 * Every copy of vega-scenegraph that vega runs. npm may install several (vega 6.2 pins
 * ~5.1 while vega-view brings 5.3): layout measures text with one copy and the SVG
 * renderer numbers clip paths with another, so settings must reach each of them.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface Scenegraph {
  textMetrics: { width: (item: never, text: unknown) => number };
  resetSVGDefIds: () => void;
}

/** vega's own packages that import vega-scenegraph. */
const USERS = ['vega', 'vega-view', 'vega-view-transforms', 'vega-functions', 'vega-parser', 'vega-encode', 'vega-label'];

let copies: Promise<Scenegraph[]> | undefined;

export function scenegraphs(): Promise<Scenegraph[]> {
  copies ??= (async () => {
    const fromVega = createRequire(createRequire(import.meta.url).resolve('vega'));
    const paths = new Set<string>();
    for (const user of USERS) {
      try {
        paths.add(createRequire(fromVega.resolve(user)).resolve('vega-scenegraph'));
      } catch {
        // A package this vega version does not use.
      }
    }
    const modules = await Promise.all([...paths].sort().map((p) => import(pathToFileURL(p).href) as Promise<Scenegraph>));
    if (modules.length === 0) throw new Error('vega-scenegraph not found next to vega: reinstall the dependencies');
    return modules;
  })();
  return copies;
}
