#pragma once

#include <QString>

// One error as Fortnox API v3 words it: an HTTP status and the body
// {"ErrorInformation":{"error":1,"message":"...","code":NNNNNNN}}. The messages are Fortnox's own, in Swedish, where
// its error table (https://developer.fortnox.se/general/errors/) gives them; the others are worded the same way.
struct FortnoxEmulatorError
{
    int status = 0; // 0: no error
    int code = 0;
    QString message;

    bool isError() const { return status != 0; }

    // Neither a bearer token nor the legacy pair came with the request.
    static FortnoxEmulatorError missingCredentials()
    {
        return { 401, 2000311, QStringLiteral("Kan inte logga in, access-token eller client-secret saknas(2).") };
    }
    // A token that is unknown, revoked or expired, or a legacy pair that does not match.
    static FortnoxEmulatorError invalidCredentials() { return { 401, 2000310, QStringLiteral("Ogiltig inloggning") }; }
    // The token lacks the scope the resource belongs to.
    static FortnoxEmulatorError missingScope()
    {
        return { 403, 2000663, QStringLiteral("Har inte behörighet för scope.") };
    }
    static FortnoxEmulatorError noSuchRoute() { return { 404, 2000762, QStringLiteral("No such route") }; }
    static FortnoxEmulatorError invalidParameter()
    {
        return { 400, 2000588, QStringLiteral("Ogiltig parameter i anropet.") };
    }
    static FortnoxEmulatorError badData()
    {
        return { 400, 2001392, QStringLiteral("Ingen eller felaktig typ av data.") };
    }
    static FortnoxEmulatorError invalidResponseType()
    {
        return { 400, 1000030, QStringLiteral("Invalid response type") };
    }
    static FortnoxEmulatorError invalidContentType()
    {
        return { 400, 1000031, QStringLiteral("Invalid content type") };
    }
    static FortnoxEmulatorError notFound(const QString& message) { return { 404, 2000423, message }; }
    static FortnoxEmulatorError badRequest(int code, const QString& message) { return { 400, code, message }; }
    static FortnoxEmulatorError tooManyRequests() { return { 429, 0, QStringLiteral("Too Many Requests") }; }
    static FortnoxEmulatorError systemException() { return { 500, 1000003, QStringLiteral("System exception") }; }
};
