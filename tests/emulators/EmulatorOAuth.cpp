#include "EmulatorOAuth.h"

#include <QJsonObject>
#include <QUrl>

QByteArray EmulatorOAuth::withParameters(const QString& uri, const QList<QPair<QString, QString>>& parameters)
{
    QByteArray location = uri.toUtf8();
    for (const auto& [name, value] : parameters) {
        if (value.isEmpty())
            continue;
        location += (location.contains('?') ? '&' : '?') + name.toUtf8() + '=' + QUrl::toPercentEncoding(value);
    }
    return location;
}

EmulatorResponse EmulatorOAuth::codeRedirect(const QString& uri, const QString& code, const QString& state)
{
    return EmulatorResponse::redirect(
        withParameters(uri, { { QStringLiteral("code"), code }, { QStringLiteral("state"), state } }));
}

EmulatorResponse EmulatorOAuth::redirectError(const QString& uri, const QString& state, const QString& error,
                                              const QString& description)
{
    return EmulatorResponse::redirect(withParameters(uri,
                                                     { { QStringLiteral("error"), error },
                                                       { QStringLiteral("error_description"), description },
                                                       { QStringLiteral("state"), state } }));
}

EmulatorResponse EmulatorOAuth::tokenError(int status, const QString& error, const QString& description)
{
    return EmulatorResponse::json(
        status,
        QJsonObject { { QStringLiteral("error"), error }, { QStringLiteral("error_description"), description } });
}
