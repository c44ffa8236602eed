import { simulate } from './devices.simulate.js';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `vanhien devices simulate …`: prints one JSON line with the totals the cameras sent. */
export async function simulateCli(args: string[]): Promise<void> {
  const n = Number(flag(args, 'devices') ?? 20);
  const prefix = flag(args, 'prefix') ?? 'sim-';
  const ids = flag(args, 'ids')?.split(',').filter(Boolean) ?? Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
  const result = await simulate({
    ids,
    secret: flag(args, 'secret') ?? 'demo-device-secret',
    rate: Number(flag(args, 'rate') ?? 100),
    durationS: Number(flag(args, 'duration') ?? 10),
    mqttUrl: flag(args, 'mqtt'),
    httpUrl: flag(args, 'http'),
    seconds: Number(flag(args, 'seconds') ?? 1),
    log: (l) => process.stderr.write(`${l}\n`),
  });
  const { perDevice, ...totals } = result;
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}
