import type { Browser, Page } from 'playwright-core';
import type { ApiClient } from '../../src-shared/contract/api';
import { launchBrowser, openPage } from './browser';
import { startServe } from './serve-process';
import { connectApi } from './ws-api';

/** What a browser test works with: `latent-lab serve` on a data folder, its API from Node, and a Chromium page. */
export interface ServeSession {
  server: Awaited<ReturnType<typeof startServe>>;
  api: ApiClient & { close(): void };
  browser: Browser;
  page: Page;
  /** Closes the page's browser, the API connection and the server (the data folder is the caller's). */
  close(): Promise<void>;
}

/** Starts serve mode on `dataDir`, connects the API and opens a page whose errors land in `pageErrors`. */
export async function openServeSession(dataDir: string, pageErrors: string[]): Promise<ServeSession> {
  const server = await startServe(dataDir);
  const api = await connectApi(server.url);
  const browser = await launchBrowser();
  const page = await openPage(browser, pageErrors);
  return {
    server,
    api,
    browser,
    page,
    async close() {
      api.close();
      await browser.close();
      await server.stop();
    },
  };
}
