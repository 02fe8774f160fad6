// JSDoc from the OCA `description`s, so editor hovers show the specification text.
export function doc(description, indent = '') {
  if (!description) return '';
  const lines = String(description)
    .replaceAll('*/', '*\\/')
    .replaceAll('\r', '')
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}
