/** How a stage's own figures read at the foot of its job-summary section. */
import type { StageRecord } from './record.js';

export function formatSeconds(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function stageFooter(stage: StageRecord): string {
  const parts = [`${stage.name}${stage.phase === 'post' ? ' (post)' : ''}`, formatSeconds(stage.duration), stage.status];
  const cache = stage.figures.cache;
  if (cache && cache.hits + cache.partial_hits + cache.misses > 0) {
    parts.push(`cache ${cache.hits} hit, ${cache.partial_hits} partial, ${cache.misses} miss`);
  }
  return `<sub>${parts.join(' · ')}</sub>`;
}
