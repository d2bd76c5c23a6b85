/**
 * Every bench section, in run order. To add one: write `bench/sections/<name>.ts` exporting a
 * {@link BenchSection} and list it here; `npm run bench -- --only <name>` runs it alone.
 */
import { dynamicSection } from './dynamic';
import { kernelSection } from './kernel';
import { layoutSection } from './layout';
import { noiseSection } from './noise';
import { nystromSection } from './nystrom';
import { passesSection } from './passes';
import { simulatorSection } from './simulator';
import { transpileSection } from './transpile';
import type { BenchSection } from './types';

export const SECTIONS: readonly BenchSection[] = [simulatorSection, passesSection, layoutSection, kernelSection, transpileSection, noiseSection, dynamicSection, nystromSection];
