// Signs through NCALayer with the real ncalayer-js-client, as a web page would:
//   node sign.js <wss url> <base64 data> <bin>
// Prints a JSON line: {"version": …, "cms": …, "cancelled": …}. The TLS CA comes from
// NODE_EXTRA_CA_CERTS (the fake NCALayer's own chain), as NCALayer's root does for browsers.
const { NCALayerClient } = require('ncalayer-js-client');

async function main() {
  const [url, data, bin] = process.argv.slice(2);
  const client = new NCALayerClient(url, false);
  const version = await client.connect();
  const signer = { ...NCALayerClient.basicsSignerSignAny, bin };
  const cms = await client.basicsSignCMS(
    NCALayerClient.basicsStorageAll,
    data,
    NCALayerClient.basicsCMSParamsDetachedNoTSP,
    signer,
  );
  let cancelled = false;
  try {
    await client.basicsSignCMS(
      NCALayerClient.basicsStorageAll,
      data,
      NCALayerClient.basicsCMSParamsDetachedNoTSP,
      signer,
    );
  } catch (err) {
    cancelled = err.canceledByUser === true;
  }
  console.log(JSON.stringify({ version, cms, cancelled }));
  process.exit(0);
}

main().catch((err) => {
  console.error(`ncalayer-js-client failed: ${err.message || err}`);
  process.exit(1);
});
