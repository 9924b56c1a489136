import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/** The slow checks kept out of the default suite (`npm run test:recipes`): every recipe trained in full. */
export default defineConfig({ test: { ...base.test, include: ['test/slow/**/*.slow.ts'], testTimeout: 1_800_000 } });
