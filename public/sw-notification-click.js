// Imported by the generated service worker: a click on a Runlane notification focuses an open Runlane
// tab on the connection it is about, or opens one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data && event.notification.data.url;
  if (typeof url !== 'string') return;
  const target = new URL(url, self.registration.scope);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if ('focus' in client) {
          return client.navigate(target.href).then((navigated) => (navigated || client).focus());
        }
      }
      return self.clients.openWindow(target.href);
    }),
  );
});
