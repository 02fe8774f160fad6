import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

// Relative asset URLs: the static build works from any path (a CDN folder, GitHub Pages, file
// server), which is the point of the no-server mode.
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // Two pages: the virtual stations and "Test a CSMS".
    rolldownOptions: { input: { main: page('index.html'), 'test-csms': page('test-csms.html') } },
  },
  // `source` resolves the workspace packages to their src/ in dev; builds use their dist/.
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
});
