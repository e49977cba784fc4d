import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

// Lives at the repository root: the renderer's own folder holds browser code only.
const here = path.join(path.dirname(new URL(import.meta.url).pathname), 'renderer');

// The renderer bundle: Monaco and its worker are bundled locally (no CDN).
export default defineConfig({
  root: here,
  base: './',
  publicDir: path.join(here, 'public'),
  plugins: [react()],
  build: {
    outDir: path.join(here, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
    target: 'es2022',
  },
  worker: { format: 'es' },
});
