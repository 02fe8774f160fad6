import { defineConfig } from 'vite';

// Relative asset URLs: the static build works from any path (a CDN folder, GitHub Pages, file
// server), which is the point of the no-server mode.
export default defineConfig({
  base: './',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  // `source` resolves the workspace packages to their src/ in dev; builds use their dist/.
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
});
