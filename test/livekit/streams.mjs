// LiveKit data streams (text) over DataPackets: building outgoing
// header/chunk/trailer packets and reassembling incoming ones, including the
// single-packet "inline" form and deflate-raw compression that newer clients use.
import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import {
  DataPacket,
  DataPacket_Kind,
  DataStream_Chunk,
  DataStream_CompressionType,
  DataStream_Header,
  DataStream_OperationType,
  DataStream_TextHeader,
  DataStream_Trailer,
} from '@livekit/protocol';

/**
 * @typedef {object} Sender
 * @property {string} identity
 * @property {string} sid
 */

/**
 * @typedef {object} ReceivedText
 * @property {string} streamId
 * @property {string} topic
 * @property {string} text
 * @property {string} identity  sender identity as given in the packet
 * @property {Record<string, string>} attributes header + trailer attributes
 */

/**
 * Builds the packets of one text stream: a header, one chunk per element of
 * `chunks` (appended by the receiver) and a trailer. `trailerAttributes` are
 * merged into the stream's attributes by the client once the trailer arrives.
 * @param {object} opts
 * @param {Sender} opts.sender
 * @param {string} opts.topic
 * @param {string[]} opts.chunks
 * @param {Record<string, string>} [opts.attributes]
 * @param {Record<string, string>} [opts.trailerAttributes]
 * @param {string} [opts.streamId]
 * @returns {DataPacket[]}
 */
export function buildTextStream({ sender, topic, chunks, attributes = {}, trailerAttributes = {}, streamId = randomUUID() }) {
  const enc = new TextEncoder();
  const base = { kind: DataPacket_Kind.RELIABLE, participantIdentity: sender.identity, participantSid: sender.sid };
  const totalLength = chunks.reduce((n, c) => n + enc.encode(c).byteLength, 0);
  /** @type {DataPacket[]} */
  const packets = [
    new DataPacket({
      ...base,
      value: {
        case: 'streamHeader',
        value: new DataStream_Header({
          streamId,
          timestamp: BigInt(Date.now()),
          topic,
          mimeType: 'text/plain',
          totalLength: BigInt(totalLength),
          attributes,
          contentHeader: {
            case: 'textHeader',
            value: new DataStream_TextHeader({ operationType: DataStream_OperationType.CREATE, generated: false }),
          },
        }),
      },
    }),
  ];
  chunks.forEach((chunk, i) => {
    packets.push(
      new DataPacket({
        ...base,
        value: { case: 'streamChunk', value: new DataStream_Chunk({ streamId, chunkIndex: BigInt(i), content: enc.encode(chunk) }) },
      }),
    );
  });
  packets.push(
    new DataPacket({
      ...base,
      value: { case: 'streamTrailer', value: new DataStream_Trailer({ streamId, reason: '', attributes: trailerAttributes }) },
    }),
  );
  return packets;
}

/**
 * Reassembles incoming text streams from DataPackets. Call `push` for every
 * received packet; `onText` fires once per completed text stream.
 */
export class TextStreamAssembler {
  /** @param {(text: ReceivedText) => void} onText */
  constructor(onText) {
    this.onText = onText;
    /** @type {Map<string, { header: DataStream_Header, identity: string, parts: Uint8Array[] }>} */
    this.open = new Map();
  }

  /** @param {DataPacket} packet */
  push(packet) {
    const v = packet.value;
    if (v.case === 'streamHeader') {
      const header = v.value;
      if (header.contentHeader.case !== 'textHeader') return;
      if (header.inlineContent !== undefined) {
        this.finish(header, packet.participantIdentity, [header.inlineContent], {});
        return;
      }
      this.open.set(header.streamId, { header, identity: packet.participantIdentity, parts: [] });
    } else if (v.case === 'streamChunk') {
      this.open.get(v.value.streamId)?.parts.push(v.value.content);
    } else if (v.case === 'streamTrailer') {
      const entry = this.open.get(v.value.streamId);
      if (!entry) return;
      this.open.delete(v.value.streamId);
      this.finish(entry.header, entry.identity, entry.parts, v.value.attributes);
    }
  }

  /**
   * @param {DataStream_Header} header
   * @param {string} identity
   * @param {Uint8Array[]} parts
   * @param {Record<string, string>} trailerAttributes
   */
  finish(header, identity, parts, trailerAttributes) {
    let bytes = Buffer.concat(parts.map((p) => Buffer.from(p)));
    if (header.compression === DataStream_CompressionType.DEFLATE_RAW) bytes = inflateRawSync(bytes);
    this.onText({
      streamId: header.streamId,
      topic: header.topic,
      text: new TextDecoder().decode(bytes),
      identity,
      attributes: { ...header.attributes, ...trailerAttributes },
    });
  }
}
