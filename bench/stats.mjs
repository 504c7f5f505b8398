/** Timing helpers of the benchmark: wall time, per-question latency percentiles, throughput. */

/** Milliseconds since a `process.hrtime.bigint()` reading. */
export function since(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` once: its value and how long it took. */
export function time(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: since(start) };
}

/** Same as `time`, for an async function. */
export async function timeAsync(fn) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: since(start) };
}

/** The p-th percentile (0–100) of sorted numbers. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Summarises per-question latencies in microseconds. */
export function summarise(micros, totalMs) {
  const sorted = Float64Array.from(micros).sort();
  return {
    count: micros.length,
    perSecond: totalMs > 0 ? (micros.length / totalMs) * 1000 : 0,
    p50Us: percentile(sorted, 50),
    p99Us: percentile(sorted, 99),
    maxUs: sorted.length > 0 ? sorted[sorted.length - 1] : 0,
  };
}

/**
 * Asks every question `rounds` times, timing each for the percentiles; throughput comes from a
 * second, untimed pass so the timer's own cost does not count against it.
 */
export function latencies(items, fn, rounds = 1) {
  const micros = [];
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const start = process.hrtime.bigint();
      fn(item);
      micros.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const item of items) fn(item);
  const totalMs = since(start);
  const stats = summarise(micros, 0);
  return { ...stats, perSecond: ((items.length * rounds) / totalMs) * 1000 };
}
