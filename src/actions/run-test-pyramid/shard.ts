/**
 * Splitting a tier's test files across shards so they finish together: longest-processing-time
 * first over the durations earlier runs recorded; files never seen get the mean known duration
 * (an even split when nothing is known).
 */
export interface ShardPlan {
  shards: string[][];
  /** Expected seconds per shard. */
  loads: number[];
  /** (longest shard − mean) / mean. */
  imbalance: number;
  unknownFiles: number;
}

export function planShards(files: readonly string[], count: number, durations: Readonly<Record<string, number>>): ShardPlan {
  const known = files.filter((file) => durations[file] !== undefined);
  const mean = known.length ? known.reduce((sum, file) => sum + (durations[file] as number), 0) / known.length : 1;
  const estimate = (file: string) => durations[file] ?? mean;
  // Longest first; ties by name so every shard computes the same plan.
  const ordered = [...files].sort((a, b) => estimate(b) - estimate(a) || a.localeCompare(b));
  const shards: string[][] = Array.from({ length: count }, () => []);
  const loads = new Array<number>(count).fill(0);
  for (const file of ordered) {
    let lightest = 0;
    for (let shard = 1; shard < count; shard++) if ((loads[shard] as number) < (loads[lightest] as number)) lightest = shard;
    shards[lightest]?.push(file);
    loads[lightest] = (loads[lightest] as number) + estimate(file);
  }
  for (const shard of shards) shard.sort();
  const average = loads.reduce((sum, load) => sum + load, 0) / count;
  return { shards, loads, imbalance: average ? Math.max(...loads) / average - 1 : 0, unknownFiles: files.length - known.length };
}

/** The naive split users do by hand: consecutive runs of equal file counts. */
export function splitByCount(files: readonly string[], count: number): string[][] {
  const sorted = [...files].sort();
  const size = Math.ceil(sorted.length / count);
  return Array.from({ length: count }, (_, shard) => sorted.slice(shard * size, (shard + 1) * size));
}
