/** pnpm dashboard:codegen: writes dashboard/src/generated/ (run after `pnpm compose` when the schema changed). */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { GENERATED_DIR, generateDashboardFiles } from './generate-dashboard-files.ts';

const files = await generateDashboardFiles();
rmSync(GENERATED_DIR, { recursive: true, force: true });
mkdirSync(GENERATED_DIR, { recursive: true });
for (const file of files) writeFileSync(GENERATED_DIR + file.name, file.content);
console.log(`dashboard: ${files.length} generated files in ${GENERATED_DIR}`);
