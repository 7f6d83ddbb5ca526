#pragma once

#include <QString>

// Codes, tokens and request ids the emulators hand out: random, so that a client that keeps a stale one or
// makes one up is caught as it would be by the service.
class EmulatorRandomToken
{
public:
    // `bytes` random bytes in base64url without padding, as OAuth servers write codes and tokens.
    static QString base64Url(int bytes);
    // `length` random ASCII letters and digits.
    static QString alphanumeric(int length);
};
