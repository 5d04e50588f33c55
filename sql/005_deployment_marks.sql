-- One row per fact about the deployment that must be decided once, durably.
-- 'first_start': the first node ever to serve with this database inserts it
-- (INSERT IGNORE with a random token: the one whose token is read back won); while no message was ever stored, that
-- node may tell the uplink dedup store that devices it does not know are
-- new devices, not state it lost (DESIGN.md §4).
CREATE TABLE deployment_marks (
  name       VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  token      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (name)
) ENGINE=InnoDB;
