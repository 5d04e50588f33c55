-- Facts about the deployment decided once; as sql/005_deployment_marks.sql.
CREATE TABLE deployment_marks (
  name       TEXT NOT NULL PRIMARY KEY,
  token      TEXT NOT NULL,
  created_at INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
);
