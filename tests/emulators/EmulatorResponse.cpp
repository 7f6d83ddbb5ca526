#include "EmulatorResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

EmulatorResponse::EmulatorResponse(int status)
    : m_status(status)
{ }

EmulatorResponse EmulatorResponse::json(int status, const QJsonValue& value)
{
    EmulatorResponse response(status);
    response.setBody(compactJson(value), QByteArrayLiteral("application/json"));
    return response;
}

EmulatorResponse EmulatorResponse::text(int status, const QString& text)
{
    EmulatorResponse response(status);
    response.setBody(text.toUtf8(), QByteArrayLiteral("text/plain; charset=utf-8"));
    return response;
}

EmulatorResponse EmulatorResponse::html(int status, const QString& html)
{
    EmulatorResponse response(status);
    response.setBody(html.toUtf8(), QByteArrayLiteral("text/html; charset=utf-8"));
    return response;
}

EmulatorResponse EmulatorResponse::redirect(const QByteArray& location)
{
    EmulatorResponse response(302);
    response.setHeader(QByteArrayLiteral("Location"), location);
    return response;
}

EmulatorResponse EmulatorResponse::fileRange(int status, const QString& path, qint64 offset, qint64 length,
                                             const QByteArray& contentType)
{
    EmulatorResponse response(status);
    response.setHeader(QByteArrayLiteral("Content-Type"), contentType);
    response.m_bodyFile = path;
    response.m_bodyOffset = offset;
    response.m_bodyLength = length;
    return response;
}

QByteArray EmulatorResponse::compactJson(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Object:
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    case QJsonValue::Array:
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    default: {
        // Wrap scalars in an array and strip the brackets: the only public way to serialize them.
        const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
        return wrapped.mid(1, wrapped.size() - 2);
    }
    }
}

void EmulatorResponse::setHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    m_headers.append({ name, value });
}

void EmulatorResponse::setBody(const QByteArray& body, const QByteArray& contentType)
{
    m_body = body;
    m_bodyFile.clear();
    setHeader(QByteArrayLiteral("Content-Type"), contentType);
}
