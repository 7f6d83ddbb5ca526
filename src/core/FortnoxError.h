#pragma once

#include "HttpResponse.h"

#include <QString>

// The error Fortnox API v3 puts in a failed answer, JSON {"ErrorInformation":{"error":1,"message":"…","code":N}}
// or the same in XML. Its messages are Fortnox's own, often Swedish, and shown as they are.
struct FortnoxError
{
    // Fortnox's error code; 0 when the answer carried none.
    int code = 0;
    QString message;

    // "Ogiltig inloggning": an access token unknown, revoked or expired, or a legacy pair that does not match.
    static constexpr int InvalidCredentials = 2000310;
    // "access-token eller client-secret saknas": nothing to sign in with was sent.
    static constexpr int MissingCredentials = 2000311;
    // "Ogiltig parameter i anropet", and others, among them "Filen är redan kopplad" for a file connected already.
    static constexpr int InvalidParameter = 2000588;

    static FortnoxError fromResponse(const HttpResponse& response);
};
