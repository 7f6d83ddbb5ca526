#pragma once

#include <QString>

// One error as KashFlow's REST API words it: an HTTP status and the body {"Error": ..., "Message": ...}.
struct KashflowEmulatorError
{
    int status = 0; // 0: no error
    QString error;
    QString message;

    bool isError() const { return status != 0; }

    static KashflowEmulatorError invalidSessionToken()
    {
        // The shape and words the authentication page documents, for a bad and for an expired token alike.
        return { 401, QStringLiteral("InvalidSessionToken"), QStringLiteral("Session token provided is invalid.") };
    }
    static KashflowEmulatorError badRequest(const QString& message)
    {
        return { 400, QStringLiteral("BadRequest"), message };
    }
    static KashflowEmulatorError notFound(const QString& message)
    {
        return { 404, QStringLiteral("NotFound"), message };
    }
};
