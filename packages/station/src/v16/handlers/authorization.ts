// ClearCache (§5.4), GetLocalListVersion (§5.10), SendLocalList (§5.15).

import { boolKey } from '../config.js';
import type { Ocpp16 } from '../profile.js';

export function authorizationHandlers(p: Ocpp16): Array<() => void> {
  const { ctx } = p;
  return [
    p.handle('ClearCache', () => {
      ctx.state.auth.cache = {};
      return { status: 'Accepted' };
    }),
    p.handle('GetLocalListVersion', () => ({
      // -1 would say "not supported"; 0 is an empty list (§5.10).
      listVersion: boolKey(ctx.state.config, 'LocalAuthListEnabled') ? ctx.state.auth.localList.version : -1,
    })),
    p.handle('SendLocalList', (request) => {
      if (!boolKey(ctx.state.config, 'LocalAuthListEnabled')) return { status: 'NotSupported' };
      return { status: p.auth.sendLocalList(request) };
    }),
  ];
}
