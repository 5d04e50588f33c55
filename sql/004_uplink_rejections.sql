-- Final rejections of uplink client_ids (codes 1, 3, 4, 5: the client_id is
-- consumed, DESIGN.md §6), written through the persistence queue like
-- messages before the sender is answered. With the messages table they are
-- the complete durable record of every device's answered client_ids: a
-- device whose dedup state Redis lost (or let expire) is recovered exactly,
-- and a retransmit is answered with the same rejection again.
CREATE TABLE uplink_rejections (
  sender_id  BIGINT UNSIGNED NOT NULL,
  device_id  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  client_id  BIGINT UNSIGNED NOT NULL,
  code       TINYINT UNSIGNED NOT NULL,
  msg        VARCHAR(255) NOT NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (sender_id, device_id, client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
