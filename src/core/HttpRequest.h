#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

struct HttpResponse;

// One HTTP request as a remote store describes it, so that it can be sent again on a retry. A body is
// either in memory or a slice of a file on disk, read as it is sent.
struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("POST");
    QUrl url;
    // Every request names its Content-Type: Qt would otherwise add a form type to a POST, which APIs refuse.
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString bodyFilePath;
    qint64 bodyFileOffset = 0;
    qint64 bodyFileLength = 0;
    // Sent before and after the file's bytes: the rest of a multipart form whose file part is on disk.
    QByteArray bodyBeforeFile;
    QByteArray bodyAfterFile;
    // Whether the store's authenticator signs it (token endpoints and Dropbox's longpoll are not signed).
    bool authorized = true;
    // No byte in either direction for this long counts as a dropped connection.
    int idleTimeoutMs = 60000;
    // Whether the server may be sent it twice. An upload that would be stored twice is not repeatable: once it
    // may have been carried out (its answer lost, or a 5xx that could have come after the work), the call ends
    // with the failure instead of sending it again, and the caller finds out what became of it.
    bool repeatable = true;
    // What a 2xx answer must be to count as the one asked for; unset takes any. One that is not (a captive portal's
    // sign-in page, a proxy's notice, a body of another shape) is handled like an answer garbled on the way: asked
    // for again, then a failure, never read as an empty listing. An answer whose body goes to a sink is judged by its
    // head alone, before any of the body is written.
    std::function<bool(const HttpResponse&)> isExpectedAnswer;

    void setHeader(const QByteArray& name, const QByteArray& value) { headers.append({ name, value }); }
};
