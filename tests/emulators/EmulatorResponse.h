#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

// An HTTP response to send: status, headers and a body that is either in memory or a range of a file on disk,
// streamed as the client reads it.
class EmulatorResponse
{
public:
    explicit EmulatorResponse(int status = 200);

    static EmulatorResponse json(int status, const QJsonValue& value);
    static EmulatorResponse text(int status, const QString& text);
    static EmulatorResponse html(int status, const QString& html);
    static EmulatorResponse redirect(const QByteArray& location);
    static EmulatorResponse fileRange(int status, const QString& path, qint64 offset, qint64 length,
                                      const QByteArray& contentType);

    // Compact JSON of any value, "null" included (QJsonDocument only takes objects and arrays).
    static QByteArray compactJson(const QJsonValue& value);

    int status() const { return m_status; }
    QList<QPair<QByteArray, QByteArray>> headers() const { return m_headers; }
    void setHeader(const QByteArray& name, const QByteArray& value);
    void setBody(const QByteArray& body, const QByteArray& contentType);

    QByteArray body() const { return m_body; }
    // Empty for a body in memory.
    QString bodyFile() const { return m_bodyFile; }
    qint64 bodyOffset() const { return m_bodyOffset; }
    qint64 bodyLength() const { return m_bodyFile.isEmpty() ? m_body.size() : m_bodyLength; }

private:
    int m_status;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    QString m_bodyFile;
    qint64 m_bodyOffset = 0;
    qint64 m_bodyLength = 0;
};
