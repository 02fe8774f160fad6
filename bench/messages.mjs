// The payloads the validation benchmark times. All valid; shapes as a station really sends them.
const ts = '2024-05-01T12:00:00.000Z';
const measurands = [
  'Energy.Active.Import.Register',
  'Power.Active.Import',
  'Current.Import',
  'Voltage',
  'SoC',
];

/** OCPP 1.6 MeterValues.req with one meter value of 10 sampled values. */
export const meterValues16 = {
  connectorId: 1,
  transactionId: 42,
  meterValue: [
    {
      timestamp: ts,
      sampledValue: Array.from({ length: 10 }, (_, i) => ({
        value: String(1000 + i * 7.5),
        context: 'Sample.Periodic',
        format: 'Raw',
        measurand: measurands[i % measurands.length],
        phase: i % 2 ? 'L1' : 'L2',
        location: 'Outlet',
        unit: i % 5 === 4 ? 'Percent' : 'Wh',
      })),
    },
  ],
};

/** OCPP 2.0.1 BootNotificationRequest. */
export const bootNotification201 = {
  reason: 'PowerUp',
  chargingStation: {
    model: 'SingleSocketCharger',
    vendorName: 'VendorX',
    serialNumber: 'SN-000123',
    firmwareVersion: '1.4.2',
    modem: { iccid: '8931440400012345678', imsi: '204043123456789' },
  },
};

/** OCPP 2.0.1 TransactionEventRequest (Updated, with a meter value of 4 samples). */
export const transactionEvent201 = {
  eventType: 'Updated',
  timestamp: ts,
  triggerReason: 'MeterValuePeriodic',
  seqNo: 7,
  transactionInfo: { transactionId: 'tx-7f3a9c', chargingState: 'Charging', timeSpentCharging: 1200 },
  evse: { id: 1, connectorId: 1 },
  idToken: { idToken: '04A2B3C4D5E6F7', type: 'ISO14443' },
  meterValue: [
    {
      timestamp: ts,
      sampledValue: [
        { value: 15234.5, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } },
        { value: 7200, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W' } },
        { value: 31.9, measurand: 'Current.Import', phase: 'L1' },
        { value: 230.1, measurand: 'Voltage', phase: 'L1-N', context: 'Sample.Periodic' },
      ],
    },
  ],
};
