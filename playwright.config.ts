import { defineConfig } from '@playwright/test';
import { chromiumPath, WEBGPU_FLAGS } from './e2e/chromium';

// E2E_PORT lets two suites run side by side (each starts its own dev server).
const PORT = Number(process.env.E2E_PORT ?? 5199);

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    launchOptions: { executablePath: chromiumPath(), args: WEBGPU_FLAGS },
  },
  webServer: {
    command: `npx vite --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    // No hot reload (vite.config.ts): a file saved mid-run must not reload the page under a test.
    env: { DEPTHSCOPE_HMR: 'off' },
    timeout: 120_000,
  },
});
