// Takes media/screenshot.png for the README: the sample deploy workflow beside its designer,
// in a real VS Code (code-server). Run after `npm run package`:
//   node --import tsx scripts/readme-screenshot.ts
import { join } from 'node:path';
import { designerFrame, graphNode, launchWorkbench, openFile, runCommand } from '../test/helpers/vscodeHarness';

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const bench = await launchWorkbench({ workspaceFrom: join(root, 'samples'), name: 'readme-screenshot' });
  try {
    const { page } = bench;
    await page.setViewportSize({ width: 1920, height: 960 });
    await page.keyboard.press('Control+B'); // hide the sidebar: room for text and graph
    await openFile(page, 'deploy.yml');
    await runCommand(page, 'Pipewright: Open in Designer');
    const frame = await designerFrame(page, 'production');
    await graphNode(frame, 'production').click();
    await page.waitForTimeout(800); // let the reveal scroll and the selection paint settle
    await page.screenshot({ path: join(root, 'media', 'screenshot.png') });
    console.log('wrote media/screenshot.png');
  } finally {
    await bench.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
