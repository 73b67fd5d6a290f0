// SDP fix-ups applied to werift's answers before they are sent to the browser.

/**
 * @typedef {object} SdpSection
 * @property {string} kind     m-line media kind (audio, video, application)
 * @property {number} port     m-line port (0 means rejected)
 * @property {string} mid      a=mid value
 * @property {string} direction sendrecv | sendonly | recvonly | inactive
 */

/**
 * Splits an SDP into its session part and its m-sections (raw line arrays).
 * @param {string} sdp
 * @returns {{ session: string[], sections: string[][] }}
 */
export function splitSdp(sdp) {
  const lines = sdp.split(/\r?\n/).filter((l) => l.length > 0);
  /** @type {string[]} */
  const session = [];
  /** @type {string[][]} */
  const sections = [];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([line]);
    else if (sections.length > 0) sections[sections.length - 1].push(line);
    else session.push(line);
  }
  return { session, sections };
}

/**
 * Reads kind, port, mid and direction of every m-section.
 * @param {string} sdp
 * @returns {SdpSection[]}
 */
export function describeSections(sdp) {
  return splitSdp(sdp).sections.map((lines) => {
    const [kind, port] = lines[0].slice(2).split(' ');
    const mid = lines.find((l) => l.startsWith('a=mid:'))?.slice(6) ?? '';
    const direction =
      lines.map((l) => l.slice(2)).find((a) => ['sendrecv', 'sendonly', 'recvonly', 'inactive'].includes(a)) ??
      'sendrecv';
    return { kind, port: Number(port), mid, direction };
  });
}

/**
 * The mids listed in the offer's BUNDLE group.
 * @param {string} sdp
 * @returns {string[]}
 */
export function bundledMids(sdp) {
  const line = splitSdp(sdp).session.find((l) => l.startsWith('a=group:BUNDLE'));
  return line ? line.split(' ').slice(1) : [];
}

/**
 * Makes werift's answer acceptable to Chromium on every renegotiation:
 * - werift writes `port 0` for sections it answers `inactive`, which rejects
 *   them; the browser would then stop those transceivers (livekit-client's
 *   receive slots). Inactive sections the offer did not reject keep port 9.
 * - The BUNDLE group lists only the mids the offer bundled and the answer did
 *   not reject; Chromium refuses an answer that bundles a rejected section
 *   ("negotiation timed out" on the client side).
 * @param {string} answerSdp
 * @param {string} offerSdp
 * @returns {string}
 */
export function fixAnswerSdp(answerSdp, offerSdp) {
  const offered = new Map(describeSections(offerSdp).map((s) => [s.mid, s]));
  const offerBundle = new Set(bundledMids(offerSdp));
  const { session, sections } = splitSdp(answerSdp);
  /** @type {string[]} */
  const accepted = [];
  const fixedSections = sections.map((lines) => {
    const mid = lines.find((l) => l.startsWith('a=mid:'))?.slice(6) ?? '';
    const parts = lines[0].split(' ');
    const offer = offered.get(mid);
    if (parts[1] === '0' && offer && offer.port !== 0) {
      parts[1] = '9';
      lines = [parts.join(' '), ...lines.slice(1)];
    }
    if (parts[1] !== '0' && offerBundle.has(mid)) accepted.push(mid);
    return lines;
  });
  const fixedSession = session.map((l) =>
    l.startsWith('a=group:BUNDLE') ? ['a=group:BUNDLE', ...accepted].join(' ') : l,
  );
  return [...fixedSession, ...fixedSections.flat()].join('\r\n') + '\r\n';
}
