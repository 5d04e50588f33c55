// RabbitMQ clean-up for tests and benchmarks (not used by the server).
import { connect } from 'amqplib';

/** Deletes a queue and its dead-letter queue (`<queue>.dead`). Missing queues are fine. */
export async function deleteRabbitQueue(url: string, queue: string): Promise<void> {
  const conn = await connect(url);
  try {
    conn.on('error', () => undefined);
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    await ch.deleteQueue(queue);
    await ch.deleteQueue(`${queue}.dead`);
    await ch.close();
  } finally {
    await conn.close().catch(() => undefined);
  }
}
