-- Fences of uplink claims (DESIGN.md §2.1: a device that moved between nodes
-- or whose worker crashed). Before a device's new owner processes again a
-- client_id that an earlier owner may have handed to persistence (marked
-- pending, never committed), it raises a fence: every copy of that device's
-- client_ids >= from_client_id made under an older generation is refused
-- when it reaches the store (its inbox rows become tombstones), so a late
-- copy can neither duplicate a message nor land out of order. Copies carry
-- the generation they were made under (PersistBatch StoredMessage.fence).
CREATE TABLE uplink_fences (
  sender_id      BIGINT UNSIGNED NOT NULL,
  device_id      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  gen            INT UNSIGNED NOT NULL,
  from_client_id BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (sender_id, device_id, gen)
) ENGINE=InnoDB;

-- Each fenced device's current generation: a claim takes the next one by an
-- upsert of this row (a record lock, no range lock), so claims of different
-- devices never wait for each other.
CREATE TABLE uplink_fence_gens (
  sender_id BIGINT UNSIGNED NOT NULL,
  device_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  gen       INT UNSIGNED NOT NULL,
  PRIMARY KEY (sender_id, device_id)
) ENGINE=InnoDB;
