-- A signature is kept once: one signer's certificate over one content of one document. Rows
-- from before carry no digest and stay as they are.
ALTER TABLE signatures ADD COLUMN content_sha256 TEXT;
CREATE UNIQUE INDEX signatures_once ON signatures(document_id, certificate_serial, content_sha256);
