-- Conversation state (DESIGN.md §6a): one row per (user, conversation), a
-- conversation being (session_type, peer_id): the other user of a 1:1, or
-- the group. Seqs are the user's own inbox seqs (peer_read_seq too: the
-- peer's read receipt translated into this user's numbering).
--   last_seq, last_msg_id: the newest inbox row of the conversation
--   read_seq: highest seq read (only grows); unread: messages from others
--   above read_seq, MT_RECALL excluded; peer_read_seq: 1:1 only, 0 = none.
-- Written by the persister in the transaction that writes the inbox rows
-- (src/store/conversation-rows.ts) and by CT_READ (conversation-store-sql.ts).
-- idx_conversations_recent makes CT_CONVERSATIONS (newest first) a
-- backward range read of `limit` entries, whatever the number of rows.
CREATE TABLE conversations (
  user_id       BIGINT UNSIGNED  NOT NULL,
  session_type  TINYINT UNSIGNED NOT NULL,
  peer_id       BIGINT UNSIGNED  NOT NULL,
  last_seq      BIGINT UNSIGNED  NOT NULL DEFAULT 0,
  last_msg_id   BIGINT UNSIGNED  NOT NULL DEFAULT 0,
  read_seq      BIGINT UNSIGNED  NOT NULL DEFAULT 0,
  unread        INT UNSIGNED     NOT NULL DEFAULT 0,
  peer_read_seq BIGINT UNSIGNED  NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, session_type, peer_id),
  KEY idx_conversations_recent (user_id, last_seq)
) ENGINE=InnoDB;

-- Messages stored before this schema: one row per conversation, counted as
-- read up to its newest message (there was no read state before; a flood of
-- old unread badges would tell users nothing).
INSERT INTO conversations (user_id, session_type, peer_id, last_seq, last_msg_id, read_seq, unread, peer_read_seq)
SELECT c.user_id, c.session_type, c.peer_id, c.last_seq, i.msg_id, c.last_seq, 0, 0
  FROM (SELECT i.user_id, m.session_type,
               CASE WHEN m.session_type = 2 OR m.sender_id = i.user_id THEN m.receiver_id ELSE m.sender_id END AS peer_id,
               MAX(i.seq) AS last_seq
          FROM inbox i JOIN messages m ON m.msg_id = i.msg_id
         WHERE i.msg_id <> 0
         GROUP BY i.user_id, m.session_type, CASE WHEN m.session_type = 2 OR m.sender_id = i.user_id THEN m.receiver_id ELSE m.sender_id END) c
  JOIN inbox i ON i.user_id = c.user_id AND i.seq = c.last_seq;
