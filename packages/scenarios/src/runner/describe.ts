// Steps in words, for progress lines and failure reports.

import type { Matchers, Step } from '../scenario/types.js';

const fields = (m: Matchers | undefined): string =>
  m && Object.keys(m).length > 0
    ? ` with ${Object.entries(m)
        .map(
          ([k, v]) => `${k} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : JSON.stringify(v)}`,
        )
        .join(', ')}`
    : '';

/**
 * One step as a sentence: "the CSMS answers StartTransaction with idTagInfo.status "Accepted"".
 *
 * @example
 * ```ts
 * describeStep({ do: 'plugIn', connectorId: 1 }); // 'a car is plugged into connector 1'
 * ```
 */
export function describeStep(step: Step): string {
  if (step.note) return step.note;
  if (!('do' in step)) {
    const who = (step.from ?? 'csms') === 'csms' ? 'the CSMS' : 'the station';
    const verb = { call: 'sends', result: 'answers', error: 'answers with a CALLERROR to' }[step.expect];
    return `${who} ${verb} ${step.action}${fields(step.match)}`;
  }
  const c = 'connectorId' in step && step.connectorId !== undefined ? step.connectorId : 1;
  switch (step.do) {
    case 'start':
      return 'the station boots';
    case 'stop':
      return 'the station stops';
    case 'powerCycle':
      return 'the power goes off and on';
    case 'plugIn':
      return `a car is plugged into connector ${c}`;
    case 'unplug':
      return `the cable of connector ${c} is pulled out`;
    case 'presentToken':
      return `a driver presents ${step.idTag}`;
    case 'stopCharging':
      return `the driver stops charging on connector ${c}`;
    case 'fault':
      return `connector ${c} reports ${step.errorCode}`;
    case 'clearFault':
      return `the fault on connector ${c} clears`;
    case 'goOffline':
      return 'the station loses its network';
    case 'comeBack':
      return 'the network is back';
    case 'wait':
      return `${step.ms / 1000} s pass${step.clock === 'real' ? ' (real time)' : ''}`;
    case 'send':
      return `the station sends ${step.action}`;
    case 'trigger':
      return `the CSMS is asked to send ${step.action}`;
    case 'respond':
      return `the station will answer ${step.action} with ${JSON.stringify(step.with)}`;
    case 'connect':
      return `a connection${step.password ? ' with another password' : ''}${step.username ? ` as ${step.username}` : ''} is ${step.outcome}`;
    case 'set':
      return `set ${Object.keys(step.vars).join(', ')}`;
  }
}
