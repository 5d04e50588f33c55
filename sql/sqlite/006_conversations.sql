-- Conversation state; as sql/006_conversations.sql (same columns, keys,
-- meaning, and the same backfill of messages stored before it).
CREATE TABLE conversations (
  user_id       INTEGER NOT NULL,
  session_type  INTEGER NOT NULL,
  peer_id       INTEGER NOT NULL,
  last_seq      INTEGER NOT NULL DEFAULT 0,
  last_msg_id   INTEGER NOT NULL DEFAULT 0,
  read_seq      INTEGER NOT NULL DEFAULT 0,
  unread        INTEGER NOT NULL DEFAULT 0,
  peer_read_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, session_type, peer_id)
) WITHOUT ROWID;
CREATE INDEX idx_conversations_recent ON conversations (user_id, last_seq);

INSERT INTO conversations (user_id, session_type, peer_id, last_seq, last_msg_id, read_seq, unread, peer_read_seq)
SELECT c.user_id, c.session_type, c.peer_id, c.last_seq, i.msg_id, c.last_seq, 0, 0
  FROM (SELECT i.user_id, m.session_type,
               CASE WHEN m.session_type = 2 OR m.sender_id = i.user_id THEN m.receiver_id ELSE m.sender_id END AS peer_id,
               MAX(i.seq) AS last_seq
          FROM inbox i JOIN messages m ON m.msg_id = i.msg_id
         WHERE i.msg_id <> 0
         GROUP BY 1, 2, 3) c
  JOIN inbox i ON i.user_id = c.user_id AND i.seq = c.last_seq;
