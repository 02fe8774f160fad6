// SetDisplayMessage (O01/O02), GetDisplayMessages (O03/O04) → NotifyDisplayMessages,
// ClearDisplayMessage (O05).

import type { Ocpp2 } from '../profile.js';

export function displayHandlers(p: Ocpp2): Array<() => void> {
  return [
    p.handle('SetDisplayMessage', ({ message }) => ({ status: p.displays.set(message) })),
    p.handle('GetDisplayMessages', (request) => ({ status: p.displays.get(request) })),
    p.handle('ClearDisplayMessage', ({ id }) => ({ status: p.displays.clear(id) })),
  ];
}
