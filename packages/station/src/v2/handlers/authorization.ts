// ClearCache (C11), GetLocalListVersion (D02), SendLocalList (D01).

import type { Ocpp2 } from '../profile.js';

export function authorizationHandlers(p: Ocpp2): Array<() => void> {
  const { ctx } = p;
  return [
    p.handle('ClearCache', () => {
      // C11: Rejected when the cache is disabled.
      if (!p.flag('AuthCacheCtrlr', 'Enabled')) return { status: 'Rejected' };
      ctx.state.auth.cache = {};
      return { status: 'Accepted' };
    }),
    // D02: 0 when the list is disabled or was never sent.
    p.handle('GetLocalListVersion', () => ({
      versionNumber: p.flag('LocalAuthListCtrlr', 'Enabled') ? ctx.state.auth.localList.version : 0,
    })),
    p.handle('SendLocalList', (request) => ({ status: p.auth.sendLocalList(request) })),
  ];
}
