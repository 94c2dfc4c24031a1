import type { Admin } from 'kafkajs';
import { groupLag } from '../../services/shared/kafka/group-lag.js';

/** Messages the group has not committed past yet, summed over the topic's partitions. */
export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  return (await groupLag(admin, groupId, topic)).reduce((sum, p) => sum + p.lag, 0);
}

/** Waits until the group's lag is zero, polling; returns the elapsed milliseconds or throws after `timeoutMs`. */
export async function waitForZeroLag(admin: Admin, groupId: string, topic: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const lag = await consumerLag(admin, groupId, topic);
    if (lag === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`lag still ${lag} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
