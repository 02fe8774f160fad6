import type { Validators } from './types.js';

/**
 * The options a runtime package's client or server hands the core, with the validator sets it
 * presets (every action of every version, so strict mode works out of the box). One meaning in
 * every runtime: `validators` you pass replace the preset whole — no merge per protocol, so a
 * subset you pass is exactly what is validated (strict mode then refuses a protocol it lacks) —
 * and absent or `undefined` ones keep the preset.
 *
 * @example
 * ```ts
 * super(withPresetValidators(options, ALL_VALIDATORS));
 * ```
 */
export function withPresetValidators<TOptions extends { readonly validators?: Validators | undefined }>(
  options: TOptions,
  preset: Validators,
): Omit<TOptions, 'validators'> & { readonly validators: Validators } {
  return { ...options, validators: options.validators ?? preset };
}
