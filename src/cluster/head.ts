// Pure parsing of an HTTP/1.1 request head as the primary needs it: enough
// to route the connection, nothing more. The worker's HTTP server parses the
// request again from the same bytes.

export const HEAD_END = Buffer.from('\r\n\r\n');

export type HeadResult =
  | { state: 'incomplete' }
  | { state: 'too_large' }
  | { state: 'bad' }
  | { state: 'complete'; method: string; path: string; query: URLSearchParams; upgrade: boolean };

/** Examines the bytes read so far (`buf`), with a cap on the head's size. */
export function parseHead(buf: Buffer, maxHeadBytes: number): HeadResult {
  const end = buf.indexOf(HEAD_END);
  if (end < 0) return buf.length > maxHeadBytes ? { state: 'too_large' } : { state: 'incomplete' };
  if (end + HEAD_END.length > maxHeadBytes) return { state: 'too_large' };
  const head = buf.subarray(0, end).toString('latin1');
  const lines = head.split('\r\n');
  const m = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
  if (!m) return { state: 'bad' };
  let url: URL;
  try {
    url = new URL(m[2]!, 'http://x');
  } catch {
    return { state: 'bad' };
  }
  let upgrade = false;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { state: 'bad' };
    if (line.slice(0, colon).trim().toLowerCase() === 'upgrade' && line.slice(colon + 1).trim().toLowerCase() === 'websocket') upgrade = true;
  }
  return { state: 'complete', method: m[1]!, path: url.pathname, query: url.searchParams, upgrade };
}
