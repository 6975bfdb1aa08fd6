import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** A process's resident memory (VmRSS), in MiB; NaN when it cannot be read. */
export const rssMiB = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
};

/** Runs a Node.js script to its end; its exit code (null when killed). Its errors are shown. */
export const runNode = (
  args: string[],
  env: NodeJS.ProcessEnv,
  stdout: 'ignore' | 'inherit' = 'ignore',
): Promise<number | null> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', stdout, 'inherit'] });
    child.on('close', resolve);
  });
