// The message types of a recall (DESIGN.md §6a) and the content of an
// MT_RECALL message, read the same way by the pipeline (validation) and by
// the message stores (which record what it takes back).
import { gochat } from '../proto/index.js';

/** A message taking back one of its sender's messages; content: RecallContent{msg_id}. */
export const MT_RECALL = gochat.MessageType.MT_RECALL;
/** How a recalled message is served from then on (content empty); never sent by a client. */
export const MT_RECALLED = gochat.MessageType.MT_RECALLED;

/**
 * The msg_id an MT_RECALL message's content names, or null when the content
 * is not a RecallContent or names no usable id (0, or at or above 2^53).
 * Never throws.
 */
export function recalledMsgId(content: Uint8Array): number | null {
  let id: unknown;
  try {
    id = gochat.RecallContent.decode(content).msgId;
  } catch {
    return null;
  }
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}
