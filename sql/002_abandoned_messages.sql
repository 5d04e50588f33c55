-- Messages a worker gave up on (its publish was not confirmed, the sender got
-- code 7). Recorded before the sender is answered, so a late copy of the
-- batch arriving through the queue is dropped instead of holding the
-- (sender, device, client_id) key that the sender's retransmit needs.
CREATE TABLE abandoned_messages (
  msg_id       BIGINT UNSIGNED NOT NULL,
  abandoned_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (msg_id)
) ENGINE=InnoDB;
