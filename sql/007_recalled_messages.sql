-- Messages taken back by their sender (MT_RECALL, DESIGN.md §6a). Written by
-- the persister in the transaction that stores the MT_RECALL message; reads
-- (sync, CT_CONVERSATIONS) serve a message listed here as MT_RECALLED with
-- empty content, whether the original was persisted before or after the
-- recall (the two may travel in different batches).
CREATE TABLE recalled_messages (
  msg_id        BIGINT UNSIGNED NOT NULL,
  recall_msg_id BIGINT UNSIGNED NOT NULL,
  recalled_at   DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (msg_id)
) ENGINE=InnoDB;
