-- Final rejections of uplink client_ids; as sql/004_uplink_rejections.sql.
CREATE TABLE uplink_rejections (
  sender_id  INTEGER NOT NULL,
  device_id  TEXT NOT NULL,
  client_id  INTEGER NOT NULL,
  code       INTEGER NOT NULL,
  msg        TEXT NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)),
  PRIMARY KEY (sender_id, device_id, client_id)
);
