// collectGarbage (admin /debug/summary?gc=1): the RSS read after it must no
// longer count what the collection freed — V8 hands freed pages back to the
// OS from a background task, so a read right after the collection still
// counted them and overstated memory per connection.
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/admin/profiler.js';

describe('collectGarbage', () => {
  it('resolves once the memory the collection freed has left the RSS', async () => {
    let garbage: { i: number; s: string }[] | null = [];
    for (let i = 0; i < 1_500_000; i++) garbage.push({ i, s: `x${i}` });
    const held = process.memoryUsage().rss;
    garbage = null;
    const r = await collectGarbage();
    expect(r.gc_ms).toBeGreaterThan(0);
    const after = process.memoryUsage().rss;
    expect(held - after, `RSS ${held >> 20} MiB → ${after >> 20} MiB`).toBeGreaterThan(50 * 2 ** 20);
  }, 30_000);
});
