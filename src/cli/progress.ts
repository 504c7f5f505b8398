/**
 * Progress on stderr for long operations, with cli-progress: only when a person is watching
 * (stderr and the report's destination are terminals, the report is text, and neither `CI` nor
 * `TERM=dumb` is set). Piped, JSON, SARIF and JUnit output never carry it, and the bar is
 * cleared when the operation ends, so the terminal keeps only the report.
 */
import type { SingleBar } from 'cli-progress';
import { noProgress, type Progress } from '../progress.js';
import type { CliIo } from './run.js';

/** When the report goes: to stdout, or to an `-o` file. */
export interface ReportDestination {
  format: string | undefined;
  output: string | undefined;
}

/** A progress display for `io`, or one that shows nothing when nobody is watching. */
export async function progressFor(io: CliIo, destination: ReportDestination): Promise<Progress> {
  const watched =
    io.stderr.isTTY === true &&
    (destination.output !== undefined || io.stdout.isTTY === true) &&
    (destination.format === undefined || destination.format === 'text') &&
    io.env.CI === undefined &&
    io.env.TERM !== 'dumb';
  if (!watched) return noProgress;
  // Loaded only here: commands that show no progress do not pay for it at start-up.
  const { SingleBar: Bar, Presets } = (await import('cli-progress')).default;
  const bar = new Bar(
    {
      stream: io.stderr as NodeJS.WriteStream,
      format: '{label} [{bar}] {value}/{total} {eta_formatted}',
      clearOnComplete: true,
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  return new BarProgress(bar);
}

class BarProgress implements Progress {
  private running = false;

  constructor(private readonly bar: SingleBar) {}

  phase(label: string, total: number): void {
    if (this.running) this.bar.stop();
    this.bar.start(Math.max(total, 1), 0, { label });
    this.running = true;
  }

  step(count = 1): void {
    if (this.running) this.bar.increment(count);
  }

  end(): void {
    if (this.running) this.bar.stop();
    this.running = false;
  }
}
