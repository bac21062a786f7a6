-- The parties of a shared application and КЖК's registration, as the server last said.
ALTER TABLE drafts ADD COLUMN owner_bin TEXT;
ALTER TABLE drafts ADD COLUMN developer_bin TEXT;
ALTER TABLE drafts ADD COLUMN registration TEXT;
