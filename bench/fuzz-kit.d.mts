// Types for fuzz-kit.mjs, so the TypeScript fuzz tests can import it.
import type { Arbitrary } from 'fast-check';

export interface VocabularyAction {
  readonly name: string;
  readonly send: boolean;
  readonly request: Record<string, unknown>;
  readonly response?: Record<string, unknown>;
  readonly requestArb: Arbitrary<Record<string, unknown>>;
  readonly responseArb: Arbitrary<Record<string, unknown>> | undefined;
}
export interface Vocabulary {
  readonly protocol: 'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1';
  readonly actions: readonly VocabularyAction[];
}
export type InboundItem =
  | { text: string; call?: undefined }
  | { call: { type: number; action: string; payload: unknown }; text?: undefined };
export interface Checker {
  readonly problems: string[];
  sent(text: string): void;
  received(text: string): void;
  mismatches(): string[];
  readonly outstanding: number;
}
export function arbitraryFor(node: unknown, root: unknown): Arbitrary<unknown>;
export function loadVocabulary(): Vocabulary[];
export function inboundFrames(
  vocab: Vocabulary[],
  protocol: string,
  options?: { maxLength?: number },
): Arbitrary<InboundItem[]>;
export function wellFormedCallId(text: string): string | undefined;
export function applyMutations(frame: unknown[], ops: unknown[]): string;
export function createChecker(options: {
  protocol: string;
  errorCodes: readonly string[];
  responseProblem: (action: string, payload: unknown) => string | undefined;
}): Checker;
export function toTexts(items: InboundItem[], prefix: string): string[];
