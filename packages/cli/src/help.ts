// The help text: what a user types `ocpp-ws-io --help` for.

export const HELP = `ocpp-ws-io — test a CSMS, simulate stations, replay traces (OCPP 1.6 and 2.0.1)

Usage
  ocpp-ws-io test <csms-url> [options]        run the CSMS test suite (OCTT case ids and names)
  ocpp-ws-io simulate <csms-url> [options]    a fleet of virtual stations, with a live summary line
  ocpp-ws-io replay <trace.jsonl> <csms-url>  play a recorded station against a live CSMS, report differences

<csms-url> is the CSMS's WebSocket URL without the station identity, e.g. ws://127.0.0.1:8787/ocpp

test
  --protocol ocpp1.6|ocpp2.0.1   (default ocpp1.6)
  --identity ID                  the station identity every case connects as (default CP-SUITE)
  --password P                   Basic-auth password (or OCPP_PASSWORD)
  --cases PATTERNS               case ids, * and ? allowed, comma-separated (e.g. 'TC_0*')
  --json FILE                    the report as JSON ({ cases: [{ id, name, status, reason? }] , … })
  --junit FILE                   the report as JUnit XML
  --trace FILE                   every frame of the run as a JSONL trace
  --api URL                      the CSMS's HTTP API, to make it send calls (its /api/stations routes)
  --api-token T                  bearer token of that API (or OCPP_API_TOKEN)
  --api-commands                 use the demo Worker's admin commands where one fits
  --timeout MS                   how long the CSMS may take to answer (default 30000)
  --id-tag-valid / --id-tag-invalid / --id-tag-blocked / --id-tag-expired TAG
                                 idTags the CSMS knows with those statuses
  Without --api, cases that need the CSMS to start something are skipped, with that reason.
  Exit code: 0 all applicable cases passed, 1 a case failed, 2 bad usage.

simulate
  --stations N                   how many (default 1)
  --protocol ocpp1.6|ocpp2.0.1   (default ocpp1.6)
  --identity-prefix P            identities P0001, P0002, … (default SIM-)
  --password P                   Basic-auth password (or OCPP_PASSWORD)
  --speed X                      station time runs X times faster (default 60)
  --duration S                   stop after S seconds (default: run until Ctrl+C)
  --trace FILE                   every frame of every station as a JSONL trace

replay
  --identity ID                  which station of the trace (default: the first)
  --as ID                        connect under another identity
  --password P                   Basic-auth password (or OCPP_PASSWORD)
  --timeout MS                   how long the CSMS may take to answer (default 30000)
  --pace recorded                wait the recorded time between calls (default: at once)
  --json FILE                    the differences as JSON
  Exit code: 0 no differences, 1 differences found, 2 bad usage.
`;
