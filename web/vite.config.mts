/**
 * The console's build: React with Ant Design, bundled by Vite into web/dist (served by the API through
 * web/serve.ts). JSX is compiled by Vite's own transformer (no plugin needed); there is no dev server in
 * the stack: `npm start` builds once when the sources changed (web/build.ts).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  publicDir: 'public',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'console',
    // Government desktops run a centrally updated Chromium.
    target: ['chrome100', 'firefox100', 'safari15'],
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
