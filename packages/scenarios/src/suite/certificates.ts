// Certificates the suites hand to the CSMS (through a pass-through control) to install on the
// station: two self-signed EC P-256 roots made for this package with openssl, valid until 2046.
// Their private keys were not kept: these certificates only ever get installed, listed and deleted.

/** A root CA certificate (PEM) for InstallCertificate cases. */
export const TEST_ROOT_A = [
  '-----BEGIN CERTIFICATE-----',
  'MIIB1TCCAXugAwIBAgIUVeP+1CgQsvc1F4j+FYTEGXm/Jx4wCgYIKoZIzj0EAwIw',
  'QDEfMB0GA1UEAwwWb2NwcC13cy1pbyB0ZXN0IHJvb3QgQTEdMBsGA1UECgwUb2Nw',
  'cC13cy1pbyBzY2VuYXJpb3MwHhcNMjYxMjAzMTQ0MTQyWhcNNDYxMTI4MTQ0MTQy',
  'WjBAMR8wHQYDVQQDDBZvY3BwLXdzLWlvIHRlc3Qgcm9vdCBBMR0wGwYDVQQKDBRv',
  'Y3BwLXdzLWlvIHNjZW5hcmlvczBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABPG9',
  '7CzurqY22xccyYSSXVMjjg+IcaKtBV6IMHQHOFrmWzm3PupNSsvfvQjDChrhW+Ph',
  '8imCOTJD1R43lVOFe06jUzBRMB0GA1UdDgQWBBTqGnWxeRWwGpWbgLqu9BeKj5WP',
  'aTAfBgNVHSMEGDAWgBTqGnWxeRWwGpWbgLqu9BeKj5WPaTAPBgNVHRMBAf8EBTAD',
  'AQH/MAoGCCqGSM49BAMCA0gAMEUCIAiI/VC6J1+5b1txpngRQ7oxAw8g0L/1CzdU',
  'inMbaRUOAiEAv/zDgV0zw/7qkh6+BbBi1/bb7/WtTf/lDKi3tJD/eLQ=',
  '-----END CERTIFICATE-----',
].join('\n');

/** A second, different root CA certificate (PEM). */
export const TEST_ROOT_B = [
  '-----BEGIN CERTIFICATE-----',
  'MIIB1jCCAXugAwIBAgIUfK5aOiv1em8B8CpJZKmSsC9VLGQwCgYIKoZIzj0EAwIw',
  'QDEfMB0GA1UEAwwWb2NwcC13cy1pbyB0ZXN0IHJvb3QgQjEdMBsGA1UECgwUb2Nw',
  'cC13cy1pbyBzY2VuYXJpb3MwHhcNMjYxMjAzMTQ0MTQyWhcNNDYxMTI4MTQ0MTQy',
  'WjBAMR8wHQYDVQQDDBZvY3BwLXdzLWlvIHRlc3Qgcm9vdCBCMR0wGwYDVQQKDBRv',
  'Y3BwLXdzLWlvIHNjZW5hcmlvczBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABAxC',
  'bzWxWN9pzQSPZgjWhx3z8GI+livQlZOeL8ZTy8MFk1WhyZxpfdUgSlaeoI8PBZ0c',
  'xZjv1Vvz+0TLZ7kUsiWjUzBRMB0GA1UdDgQWBBSnHEh1fufxT4j1BmkmUwjbh3s5',
  '3zAfBgNVHSMEGDAWgBSnHEh1fufxT4j1BmkmUwjbh3s53zAPBgNVHRMBAf8EBTAD',
  'AQH/MAoGCCqGSM49BAMCA0kAMEYCIQDXOcy4vF3KcoFa9xtvxxjZtEk6rOqv5Y1C',
  'nNMaJ9nIggIhAJsbi62sMhffEpuHeXbHFUzMQHSyonfwPnLRwbK6seIx',
  '-----END CERTIFICATE-----',
].join('\n');
