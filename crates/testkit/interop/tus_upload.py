"""Uploads a file with tuspy (a real tus 1.0 client) in checksummed chunks.

usage: tus_upload.py <uploads-url> <bearer-token> <file> <sha256-hex>
"""
import sys

from tusclient import client

url, token, path, sha256 = sys.argv[1:5]
tus = client.TusClient(url, headers={"Authorization": f"Bearer {token}"})
uploader = tus.uploader(
    path,
    chunk_size=256 * 1024,
    upload_checksum=True,
    metadata={"filename": "Решение учредителя.pdf", "kind": "library", "slot": "founders_decision", "sha256": sha256},
)
uploader.upload()
print(uploader.url)
