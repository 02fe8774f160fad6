// A JSONL trace file written as frames happen, so a run that is stopped keeps what it saw.

import { createWriteStream } from 'node:fs';
import type { TraceLine } from '@ocpp-ws-io/scenarios';

export interface TraceFile {
  write(line: TraceLine): void;
  close(): Promise<void>;
}

export function openTraceFile(path: string): TraceFile {
  const stream = createWriteStream(path, { flags: 'w' });
  return {
    write: (line) => {
      stream.write(`${JSON.stringify(line)}\n`);
    },
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}
