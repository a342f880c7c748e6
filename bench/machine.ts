/**
 * Facts about the machine a result was measured on, and CPU accounting from /proc: how much CPU each of the
 * bench's processes used, and how much went to everything else on the machine (other people's work, which
 * makes the figures noisy).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { TEMPORAL_BIN } from './stack';

export interface MachineFacts {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  temporalCli: string;
  loadAverageAtStart: number[];
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  let temporalCli = 'unknown';
  try {
    temporalCli = execFileSync(TEMPORAL_BIN, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // Reported as unknown; the stack start will fail with a clearer message.
  }
  return {
    date: new Date().toISOString(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    temporalCli,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** CPU time (user + system) a process has used, in ms; 0 when it cannot be read (not Linux, process gone). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Busy CPU time of the whole machine (all cores), in ms. */
export function machineBusyMs(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * TICK_MS;
  } catch {
    return 0;
  }
}

export type ProcessName = 'temporal' | 'worker' | 'api' | 'bench';

/** CPU used between `start()` and `stop()`: per bench process, and by everything else on the machine. */
export class CpuMeter {
  private readonly pids: Record<ProcessName, number>;
  private startedAt = 0;
  private busyAtStart = 0;
  private atStart: Record<ProcessName, number> = { temporal: 0, worker: 0, api: 0, bench: 0 };

  constructor(pids: Omit<Record<ProcessName, number>, 'bench'>) {
    this.pids = { ...pids, bench: process.pid };
  }

  private read(): Record<ProcessName, number> {
    const out = {} as Record<ProcessName, number>;
    for (const name of Object.keys(this.pids) as ProcessName[]) out[name] = processCpuMs(this.pids[name]);
    return out;
  }

  start(): void {
    this.startedAt = performance.now();
    this.busyAtStart = machineBusyMs();
    this.atStart = this.read();
  }

  /** CPU ms used by each process since start(), and `others`: the machine's busy time not used by them. */
  stop(): { wallMs: number; cpuMs: Record<ProcessName | 'others', number> } {
    const now = this.read();
    const busy = machineBusyMs() - this.busyAtStart;
    const cpuMs = {} as Record<ProcessName | 'others', number>;
    let ours = 0;
    for (const name of Object.keys(now) as ProcessName[]) {
      cpuMs[name] = now[name] - this.atStart[name];
      ours += cpuMs[name];
    }
    cpuMs.others = Math.max(0, busy - ours);
    return { wallMs: performance.now() - this.startedAt, cpuMs };
  }
}
