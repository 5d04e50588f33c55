-- Messages a worker gave up on (its write did not commit, the sender got
-- code 7); as sql/002_abandoned_messages.sql. Recorded before the sender is
-- answered, so a late copy is dropped instead of holding the
-- (sender, device, client_id) key that the sender's retransmit needs.
CREATE TABLE abandoned_messages (
  msg_id       INTEGER PRIMARY KEY,
  abandoned_at INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
);
