// How often the event-loop delay monitors sample. Each sample is a timer that
// wakes the process; at 10 ms (prom-client's default) an idle worker woke
// ~170 times a second with its three monitors. 50 ms gives 20 samples a
// second per monitor, which is plenty for a p99 per scrape interval.
export const LOOP_MONITOR_RESOLUTION_MS = 50;
