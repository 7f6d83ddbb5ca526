#pragma once

#include "EmulatorResponse.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// The parts of OAuth 2 (RFC 6749) that every emulated authorization server answers alike, whatever its own
// rules for clients, scopes and tokens.
class EmulatorOAuth
{
public:
    // The redirect URI with parameters added to its query, each percent-encoded so that '+' and '&' survive;
    // empty values are left out.
    static QByteArray withParameters(const QString& uri, const QList<QPair<QString, QString>>& parameters);
    // §4.1.2: the client's code, sent back to it with its state.
    static EmulatorResponse codeRedirect(const QString& uri, const QString& code, const QString& state);
    // §4.1.2.1: errors the client should hear of go back to it, with its state.
    static EmulatorResponse redirectError(const QString& uri, const QString& state, const QString& error,
                                          const QString& description);
    // §5.2: a token request refused.
    static EmulatorResponse tokenError(int status, const QString& error, const QString& description);
};
