-- The dateline's region, spelled out ("Maryland" for "ANNAPOLIS, Md.").
ALTER TABLE articles ADD COLUMN dateline_region TEXT NOT NULL DEFAULT '';
