#include "EmulatorRequest.h"

#include <QHttpServerRequest>
#include <QMetaEnum>

EmulatorRequest::EmulatorRequest(const QHttpServerRequest& request)
    : m_method(
        QByteArray(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method()))).toUpper())
    , m_url(request.url())
    , m_headers(request.headers())
    , m_body(request.body())
{ }

QByteArray EmulatorRequest::header(const QByteArray& name) const
{
    for (const auto& [key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QHash<QString, QString> EmulatorRequest::queryFields() const
{
    return parseForm(m_url.query(QUrl::FullyEncoded).toLatin1());
}

EmulatorRequest EmulatorRequest::withoutBody() const
{
    EmulatorRequest copy(*this);
    copy.m_body.clear();
    return copy;
}

QHash<QString, QString> EmulatorRequest::parseForm(const QByteArray& encoded)
{
    QHash<QString, QString> fields;
    for (const QByteArray& pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const auto decode = [](QByteArray part) {
            return QString::fromUtf8(QByteArray::fromPercentEncoding(part.replace('+', ' ')));
        };
        const QString key = decode(pair.left(equals < 0 ? pair.size() : equals));
        if (!fields.contains(key))
            fields.insert(key, equals < 0 ? QString() : decode(pair.mid(equals + 1)));
    }
    return fields;
}
