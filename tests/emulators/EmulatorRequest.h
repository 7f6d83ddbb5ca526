#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QHttpServerRequest;

// A copy of one HTTP request. QAbstractHttpServer reuses its request object for the next request on the
// connection, so whatever is answered later (slow faults, long polls) must not keep a reference to it.
class EmulatorRequest
{
public:
    EmulatorRequest() = default;
    explicit EmulatorRequest(const QHttpServerRequest& request);

    QByteArray method() const { return m_method; }
    QUrl url() const { return m_url; }
    QString path() const { return m_url.path(); }
    // The first header of that name, compared case-insensitively; empty when absent.
    QByteArray header(const QByteArray& name) const;
    QByteArray body() const { return m_body; }
    QHash<QString, QString> queryFields() const;

    // For the request log: everything but the body, which may be 150 MiB.
    EmulatorRequest withoutBody() const;

    // Decodes application/x-www-form-urlencoded data (also a URL's query): '+' is a space, %XX is UTF-8.
    static QHash<QString, QString> parseForm(const QByteArray& encoded);

private:
    QByteArray m_method;
    QUrl m_url;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
};
