import type { Scenario } from '../../scenario/types.js';
import { type CaseOptions, defineCase } from '../define.js';
import { CATALOGUE_16 } from './catalogue.js';
import type { Steps16 } from './macros.js';

/** A 1.6 case of the catalogue. */
export const tc = (id: string, options: CaseOptions, steps: Steps16): Scenario =>
  defineCase(CATALOGUE_16, 'ocpp1.6', id, options, steps);

/** Cases the CSMS must be made to start (a CSMS control). */
export const CONTROL = { needs: ['csmsControl'] } as const;
