import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? 'dev') },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // The coordinator registers the worker, in dev as in the build.
      injectRegister: false,
      manifest: { name: 'Mail', short_name: 'Mail', theme_color: '#1a73e8' },
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,woff2}'] },
      // `vite dev` serves src/sw.ts too, as an ES module at /dev-sw.js?dev-sw.
      devOptions: { enabled: true, type: 'module' },
    }),
  ],
});
