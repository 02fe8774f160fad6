import type { Scenario } from '../../scenario/types.js';
import { type CaseOptions, defineCase } from '../define.js';
import { CATALOGUE_201 } from './catalogue.js';
import type { Steps201 } from './macros.js';

/** A 2.0.1 case of the catalogue. */
export const tc = (id: string, options: CaseOptions, steps: Steps201): Scenario =>
  defineCase(CATALOGUE_201, 'ocpp2.0.1', id, options, steps);

/** Cases the CSMS must be made to start (a CSMS control). */
export const CONTROL = { needs: ['csmsControl'] } as const;
