import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, type ServerSentEvent } from './sse';

function parseAll(chunks: string[]) {
  const events: ServerSentEvent[] = [];
  const comments: string[] = [];
  const parser = createSseParser((event) => events.push(event), (comment) => comments.push(comment));
  for (const chunk of chunks) parser.feed(chunk);
  return { events, comments };
}

const STREAM = 'event: ready\ndata: {"seq":1}\nretry: 1000\n\n: heartbeat\n\nid: 7\nevent: change\ndata: {"seq":7}\n\ndata: line one\ndata: line two\n\n';

describe('createSseParser', () => {
  it('reads events, ids, retry, comments and multi-line data', () => {
    expect(parseAll([STREAM])).toEqual({
      events: [
        { event: 'ready', data: '{"seq":1}', id: null, retryMs: 1000 },
        { event: 'change', data: '{"seq":7}', id: '7', retryMs: null },
        { event: 'message', data: 'line one\nline two', id: '7', retryMs: null },
      ],
      comments: ['heartbeat'],
    });
  });

  it('gives the same events however the stream is cut into chunks, with any line ending', () => {
    fc.assert(
      fc.property(fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 12 }), (newline, cuts) => {
        const text = STREAM.replace(/\n/g, newline);
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const point of points) {
          chunks.push(text.slice(last, point));
          last = point;
        }
        chunks.push(text.slice(last));
        expect(parseAll(chunks)).toEqual(parseAll([STREAM]));
      }),
    );
  });

  it('ignores an event with no data and a half-sent event at the end', () => {
    expect(parseAll(['event: change\n\n', 'data: partial']).events).toEqual([]);
  });
});
