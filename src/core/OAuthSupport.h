#pragma once

#include "HttpRequest.h"

#include <QString>
#include <QUrl>
#include <QUrlQuery>

// What the OAuth 2 sign-ins (Dropbox, Fortnox) share: random values for states and PKCE verifiers, the form body
// of a token request, and whether an address is this computer's own.
class OAuthSupport
{
public:
    // URL-safe characters from the operating system's cryptographic source.
    static QString randomUrlSafe(int length);
    // application/x-www-form-urlencoded, every key and value percent-encoded in full.
    static QByteArray formBody(const QUrlQuery& form);
    // An unsigned POST of the form to a token endpoint, whose success is only an answer with an access token
    // (RFC 6749 §5.1): a captive portal's page in its place is asked past like a garbled answer, rather than ending
    // the renewal as if the server had answered.
    static HttpRequest tokenRequest(const QUrl& url, const QUrlQuery& form);
    // localhost, 127.0.0.0/8 or ::1: the only hosts that may be reached over plain http.
    static bool isLoopback(const QUrl& url);
};
