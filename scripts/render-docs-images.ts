/**
 * Renders the charts shown in the README to docs/*.png (`npm run docs:images`): the main job's
 * kernel heat map, a 200 × 200 kernel heat map and a 64-outcome histogram, from the
 * deterministic inputs in test/support/chart-inputs.ts with the pinned fonts of
 * test/support/render-svg.ts. test/unit/cli/svg/docs-images.test.ts checks the committed files
 * against fresh renders, so rerun this after changing a chart.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOCS_IMAGES } from '../test/support/chart-inputs';
import { fontsAvailable, renderPng } from '../test/support/render-svg';

async function main(): Promise<void> {
  if (!fontsAvailable()) throw new Error('the DejaVu fonts under /usr/share/fonts/truetype/dejavu are needed');
  const dir = path.join(__dirname, '..', 'docs');
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, make] of Object.entries(DOCS_IMAGES)) {
    const { png, width, height } = renderPng(await make());
    fs.writeFileSync(path.join(dir, name), png);
    process.stdout.write(`docs/${name}: ${width}×${height}, ${png.length} bytes\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
