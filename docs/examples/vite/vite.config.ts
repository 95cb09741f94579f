import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  // Any string that changes with every release; the prompt shows it.
  define: { __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? 'dev') },
  // Keeps pages eligible for the back/forward cache (docs/troubleshooting.md).
  resolve: { alias: { unload: fileURLToPath(new URL('./src/no-unload.ts', import.meta.url)) } },
  plugins: [
    VitePWA({
      // Build our own worker (src/sw.ts) and inject Workbox's precache manifest into it.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // The coordinator registers /sw.js: no registration script from the plugin.
      injectRegister: false,
      manifest: { name: 'Mail', short_name: 'Mail', theme_color: '#1a73e8' },
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,woff2}'] },
    }),
  ],
});
