import { buildDashboardAssets } from '../../frontend/build-assets.mjs';
import { localWebApp, serveLocalWeb } from '../../shared/adapter/local/web';
import { FolderStore } from '../../shared/store';
import { tempDir } from './temp-dir';

/** The local web front on an empty bucket: what a fresh install shows. */
export async function app() {
  const { server, url } = await serveLocalWeb(
    localWebApp(new FolderStore(await tempDir()), await buildDashboardAssets()),
    0,
  );
  return { url, close: () => server.close() };
}
