#pragma once

// For the emulators' own tests: one request sent raw, as a client of the real service would, and its answer
// waited for with the event loop running, since the emulator answers from the same thread.

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QSignalSpy>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

using Headers = QList<QPair<QByteArray, QByteArray>>;

// The tests' client: redirects are read, not followed (some point at an app that is not there), and no proxy.
inline void prepareTestNetwork(QNetworkAccessManager& network)
{
    network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    network.setProxy(QNetworkProxy::NoProxy);
}

// An address on the emulator: its base with the path and query a test asks for.
inline QUrl emulatorUrl(const QUrl& baseUrl, const QString& path, const QUrlQuery& query = {})
{
    QUrl url = baseUrl;
    url.setPath(path);
    url.setQuery(query);
    return url;
}

// An answer as it came; tests derive from it to read their service's formats.
struct EmulatorTestReply
{
    int status = 0;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

    // Waits for the reply, which it then deletes.
    template<typename Reply> static Reply of(QNetworkReply* reply)
    {
        const std::unique_ptr<QNetworkReply> owned(reply);
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(60000);
        }
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.networkError = reply->error();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
        return result;
    }

    template<typename Reply>
    static Reply send(QNetworkAccessManager& network, const QByteArray& verb, const QUrl& url, const Headers& headers,
                      const QByteArray& body)
    {
        QNetworkRequest request(url);
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        return of<Reply>(network.sendCustomRequest(request, verb, body));
    }
};
