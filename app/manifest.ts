import type { MetadataRoute } from 'next';

/** The web app manifest (/manifest.webmanifest): name, colours and the icons in public/. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Gantry',
    short_name: 'Gantry',
    description: 'Agents do the work; Gantry shows the plan, holds the gates and keeps the receipts.',
    start_url: '/',
    display: 'standalone',
    background_color: '#f8f9fb',
    theme_color: '#2f55b8',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
    ],
  };
}
