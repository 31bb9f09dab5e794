// Every trainee-facing page is prerendered: the HTML is static, precached by the service worker,
// and works offline. State lives in the browser (IndexedDB), never on the server.
export const prerender = true;
export const ssr = true;
export const trailingSlash = 'never';
