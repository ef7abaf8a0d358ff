/**
 * An incremental parser for server-sent events (the WHATWG `text/event-stream` format),
 * fed decoded text as it arrives. EventSource cannot send an Authorization header and does
 * not exist in extension service workers, so the client reads the stream over fetch.
 */

export interface ServerSentEvent {
  event: string;
  data: string;
  id: string | null;
  retryMs: number | null;
}

export interface SseParser {
  feed(text: string): void;
}

export function createSseParser(onEvent: (event: ServerSentEvent) => void, onComment: (text: string) => void = () => undefined): SseParser {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | null = null;
  let retryMs: number | null = null;
  // A `\r` at the end of one chunk may be the first half of a `\r\n` split across chunks.
  let skipLeadingNewline = false;

  const dispatch = () => {
    if (data.length) onEvent({ event: event || 'message', data: data.join('\n'), id, retryMs });
    data = [];
    event = '';
    retryMs = null;
  };

  const processLine = (line: string) => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return onComment(line.slice(1).trimStart());
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
  };

  return {
    feed(text) {
      buffer += text;
      let start = 0;
      for (let index = 0; index < buffer.length; index++) {
        const char = buffer[index];
        if (char === '\n' && skipLeadingNewline && index === start) {
          start = index + 1;
          skipLeadingNewline = false;
          continue;
        }
        skipLeadingNewline = false;
        if (char === '\n' || char === '\r') {
          processLine(buffer.slice(start, index));
          if (char === '\r') {
            if (index + 1 < buffer.length) {
              if (buffer[index + 1] === '\n') index++;
            } else {
              skipLeadingNewline = true;
            }
          }
          start = index + 1;
        }
      }
      buffer = buffer.slice(start);
    },
  };
}
