-- Fences of uplink claims; as sql/003_uplink_fences.sql.
CREATE TABLE uplink_fences (
  sender_id      INTEGER NOT NULL,
  device_id      TEXT NOT NULL,
  gen            INTEGER NOT NULL,
  from_client_id INTEGER NOT NULL,
  created_at     INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)),
  PRIMARY KEY (sender_id, device_id, gen)
);

CREATE TABLE uplink_fence_gens (
  sender_id INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  gen       INTEGER NOT NULL,
  PRIMARY KEY (sender_id, device_id)
);
