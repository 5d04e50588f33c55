-- Messages taken back by their sender; as sql/007_recalled_messages.sql.
CREATE TABLE recalled_messages (
  msg_id        INTEGER PRIMARY KEY,
  recall_msg_id INTEGER NOT NULL,
  recalled_at   INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
);
